#include "orchestrator/cli.hpp"

int main(int argc, char** argv) { return fleet::orchestrator::run_cli(argc, argv); }
