// An application that brings its database up to date when it starts, as
// Alembic users do with command.upgrade(cfg, "head"), then uses it.
//
//   build/examples/embedding/embedding_example sqlite:///app.db examples/embedding/migrations
#include "plugins/embedded.hpp"

#include "engine/error.hpp"

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: " << argv[0] << " DATABASE_URL SCRIPT_LOCATION\n";
        return 2;
    }
    try {
        fleet::upgrade(argv[1], argv[2]);
        for (const auto& head : fleet::current(argv[1]))
            std::cout << "database at " << head << "\n";
    } catch (const fleet::Error& error) {
        // The message never holds the URL's password.
        std::cerr << "cannot migrate the database: " << error.what() << "\n";
        return static_cast<int>(error.exit_code());
    }
    // ... the application's real work starts here ...
    return 0;
}
