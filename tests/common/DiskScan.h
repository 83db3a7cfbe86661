#pragma once
// Finds files under a folder that contain any of the given byte strings: the leak tests use
// it to prove that a secret never reached the disk.
#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QStringList>

namespace roomwarden::test {

inline QStringList filesContaining(const QString &root, const QList<QByteArray> &needles)
{
    QStringList hits;
    if (root.isEmpty())
        return hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue; // sockets, fifos
        const QByteArray content = f.readAll();
        for (const QByteArray &needle : needles) {
            if (!needle.isEmpty() && content.contains(needle)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

} // namespace roomwarden::test
