#pragma once

namespace roomwarden::app {

// `roomwarden report [--profile DIR] [--demo] [--room R] --session latest|ID
//  --format csv|json|html|pdf --out FILE`: writes a recorded session's report without a
// window. Makes its own application object (a QGuiApplication on the offscreen platform for a
// PDF when no display is present, else a QCoreApplication), reads the analytics database
// read-only with the data key from the keychain (never creating one), and returns one of the
// exit codes in app::reportexit. Call it from main() before any other application object exists.
int runReportCommand(int argc, char **argv);

// `roomwarden forget [--profile DIR] [--demo] --session ID | --room R | --person USERID |
//  --everything`: deletes through analytics::Retention (no key needed: nothing is decrypted).
// Same rules as runReportCommand; exit codes in app::reportexit.
int runForgetCommand(int argc, char **argv);

} // namespace roomwarden::app
