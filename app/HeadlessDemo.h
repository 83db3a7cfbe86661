#pragma once
#include "app/CommandLine.h"

namespace roomwarden::util {
struct ProfilePaths;
class Redactor;
} // namespace roomwarden::util

namespace roomwarden::app {

// `roomwarden --demo --headless`: starts the sandbox platform, runs the chosen scenario for
// the given duration and prints what happened. Returns the process exit code.
int runHeadlessDemo(const Options &options, const util::ProfilePaths &paths,
                    util::Redactor &redactor);

} // namespace roomwarden::app
