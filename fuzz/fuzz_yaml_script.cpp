// Fuzzes the YAML revision parser (engine/script/yaml_script.cpp and the
// step reader yaml_steps.cpp) through parse_script, as a .yaml file's text
// reaches it, then links the parsed revision into a one-revision map.
#include "fuzz/fuzz_input.hpp"
#include "fuzz/fuzz_script.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fleet::fuzz::check_script(fleet::fuzz::text_of(data, size), "fuzz.yaml",
                              fleet::engine::script::ScriptFormat::yaml);
    return 0;
}
