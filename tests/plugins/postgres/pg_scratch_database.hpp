#pragma once

#include "engine/url/database_url.hpp"

#include <string>

namespace fleet::tests {

// A PostgreSQL database of its own for one test case, on the throwaway
// cluster named by $FLEET_TEST_PG_URL (an admin URL with a password), dropped
// when the object goes. The test case FAILS (does not skip) when
// FLEET_TEST_PG_URL is unset: the README's test command always starts a cluster.
class PgScratchDatabase {
  public:
    PgScratchDatabase();
    ~PgScratchDatabase();
    PgScratchDatabase(const PgScratchDatabase&) = delete;
    PgScratchDatabase& operator=(const PgScratchDatabase&) = delete;

    // The cluster's admin URL, as given.
    static engine::url::DatabaseUrl admin_url();

    // The scratch database, with the admin's credentials.
    const engine::url::DatabaseUrl& url() const { return m_url; }
    const std::string& name() const { return m_url.database; }

  private:
    engine::url::DatabaseUrl m_url;
};

} // namespace fleet::tests
