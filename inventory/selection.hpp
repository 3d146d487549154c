#pragma once

#include "inventory/inventory.hpp"
#include "inventory/shard.hpp"
#include "inventory/target_spec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fleet::inventory {

// The selectors of the command line (INTERFACE.md "Choosing the databases").
struct SelectOptions {
    // --env ENV, repeatable: environments by name; shell globs allowed.
    std::vector<std::string> environments;
    // -n/--name, repeatable: an environment, a database (in any environment)
    // or ENV/DATABASE; shell globs (fnmatch) in each part.
    std::vector<std::string> names;
    // --shard K/N.
    std::optional<Shard> shard;
};

// The targets a command works on.
struct Selection {
    std::vector<TargetSpec> targets;       // in inventory order
    std::vector<std::string> environments; // those the targets are in, inventory order, once each
    // Environments the user spelled out without glob characters, by --env or
    // as -n ENV / -n ENV/DATABASE: the ones a changing command may touch at once.
    std::vector<std::string> named_environments;
};

// The targets the options choose, in inventory order. Without options: every
// target. Several --env (or several -n) add up; --env and -n together keep
// the targets both choose; --shard then keeps its slice (which may be empty).
// A -n without '/' that matches an environment name means that environment
// only, else it matches database names in every environment.
// Throws fleet::UsageError naming the selector and listing the inventory's
// environments when an --env or -n matches nothing, or when --env and -n
// together leave no target.
Selection select(const Inventory& inventory, const SelectOptions& options);

// For a command that changes databases: why it must refuse this selection,
// or nullopt when it may run. It must refuse when the targets span more than
// one environment and one of them was not named (a glob is not naming), so
// that a bare `fleet upgrade head` never reaches production by accident.
// Never throws but std::bad_alloc.
std::optional<std::string> unnamed_environments_error(const Selection& selection);

} // namespace fleet::inventory
