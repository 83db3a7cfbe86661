#include "app/HeadlessDemo.h"

#include "core/util/Paths.h"
#include "core/util/Redactor.h"

#include <QCoreApplication>

#include <cstdio>

namespace roomwarden::app {

int runHeadlessDemo(const Options &options, const util::ProfilePaths &paths,
                    util::Redactor &redactor)
{
    Q_UNUSED(paths);
    Q_UNUSED(redactor);
    const QByteArray text =
        QCoreApplication::translate("roomwarden::app::HeadlessDemo",
                                    "The headless demo (scenario \"%1\") is not available in this "
                                    "build yet: the sandbox platform is still being written.")
            .arg(options.scenario)
            .toLocal8Bit();
    std::fprintf(stderr, "%s\n", text.constData());
    return 3;
}

} // namespace roomwarden::app
