// nabij: the command-line entry point. Wires nothing global; see app/cli.h.
#include <exception>
#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    return nabij::app::RunCli(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // Last-resort handler: no exception is expected to reach here.
    std::cerr << "nabij: internal error: " << e.what() << "\n";
    return 3;
  }
}
