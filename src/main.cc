#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
  forcecheck::EndProcessAfterCommand();
  return forcecheck::RunCli(argc, argv, std::cout, std::cerr);
}
