#pragma once

#include "engine/command/command.hpp"
#include "engine/url/database_url.hpp"
#include "orchestrator/autogen/interrupt_cleanup.hpp"

#include <filesystem>
#include <memory>
#include <string>

// A throwaway database autogenerate loads a schema into and reads back: a
// file in a new temporary folder (a dialect whose databases are files), or a
// database fleet creates on the dev server (dev_url) and drops again. It is
// removed when the object goes, on every path: success, an error, and an
// interrupt (SIGINT or SIGTERM: InterruptCleanup removes it before the
// process ends; a SIGKILL leaves a fleet_scratch_* database behind, which
// its name says is fleet's to drop).
namespace fleet::orchestrator::autogen {

// A new, empty folder under the system's temporary folder, removed with
// everything in it when the object goes. Throws fleet::Error (exit 1) when
// it cannot be made.
class TempFolder {
  public:
    TempFolder();
    ~TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
    std::unique_ptr<InterruptCleanup> m_on_interrupt;
};

class ScratchDatabase {
  public:
    // `like`: a URL of the dialect wanted (its scheme decides); `dev_url`:
    // where a server dialect may create databases (ignored for files).
    // Throws UsageError when a server dialect has no dev_url, and
    // fleet::Error (exit 1) naming the masked dev_url and the server's
    // message when the database cannot be created.
    ScratchDatabase(const engine::url::DatabaseUrl& like, const std::string& dev_url,
                    const std::string& purpose);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    // The scratch database's URL (with the dev server's password: for the
    // driver only; display_url() for messages).
    const engine::url::DatabaseUrl& url() const { return m_url; }
    std::string display_url() const { return m_url.masked(); }

  private:
    engine::url::DatabaseUrl m_url;
    engine::url::DatabaseUrl m_admin;     // the dev server, for DROP DATABASE
    std::unique_ptr<TempFolder> m_folder; // the file's, for file dialects
    std::string m_name;                   // the server database's name
    std::unique_ptr<InterruptCleanup> m_on_interrupt;
};

// A target on a scratch database at `url`, running the revisions of
// `scripts` quietly (no step lines: they are not the user's run).
engine::command::Target scratch_target(const engine::url::DatabaseUrl& url,
                                       const std::filesystem::path& scripts,
                                       const std::string& version_table);

} // namespace fleet::orchestrator::autogen
