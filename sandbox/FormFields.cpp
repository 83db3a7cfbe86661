#include "sandbox/FormFields.h"

#include <QUrlQuery>

namespace roomwarden::sandbox {

bool FormFields::parse(const ApiRequest &request, QString *error)
{
    const auto items = request.query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items)
        m_fields.insert(item.first, item.second);
    if (request.body.isEmpty())
        return true;
    const QByteArray type = request.header("Content-Type").toLower();
    bool ok = true;
    if (type.startsWith("multipart/form-data"))
        ok = parseMultipart(request.body, request.header("Content-Type"));
    else if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded"))
        ok = parseUrlEncoded(request.body);
    else if (type.startsWith("application/json"))
        ok = false;
    if (!ok && error)
        *error = QStringLiteral("could not parse the request body");
    return ok;
}

bool FormFields::parseUrlEncoded(const QByteArray &body)
{
    // Form encoding writes spaces as '+'; QUrlQuery only knows %20.
    QByteArray raw = body;
    raw.replace('+', "%20");
    for (char c : raw) {
        if (static_cast<unsigned char>(c) < 0x20)
            return false;
    }
    const QUrlQuery q(QString::fromUtf8(raw));
    const auto items = q.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items)
        m_fields.insert(item.first, item.second);
    return true;
}

bool FormFields::parseMultipart(const QByteArray &body, const QByteArray &contentType)
{
    const qsizetype at = contentType.indexOf("boundary=");
    if (at < 0)
        return false;
    QByteArray boundary = contentType.mid(at + 9).trimmed();
    const qsizetype semi = boundary.indexOf(';');
    if (semi >= 0)
        boundary.truncate(semi);
    if (boundary.startsWith('"') && boundary.endsWith('"') && boundary.size() >= 2)
        boundary = boundary.mid(1, boundary.size() - 2);
    if (boundary.isEmpty())
        return false;
    const QByteArray delimiter = "--" + boundary;
    QList<QByteArray> parts;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        const qsizetype start = pos + delimiter.size();
        const qsizetype next = body.indexOf(delimiter, start);
        if (next < 0)
            break;
        parts << body.mid(start, next - start);
        pos = next;
    }
    if (parts.isEmpty())
        return false;
    for (QByteArray part : parts) {
        if (part.startsWith("\r\n"))
            part.remove(0, 2);
        const qsizetype split = part.indexOf("\r\n\r\n");
        if (split < 0)
            return false;
        const QByteArray head = part.left(split);
        QByteArray value = part.mid(split + 4);
        if (value.endsWith("\r\n"))
            value.chop(2);
        const qsizetype nameAt = head.indexOf("name=\"");
        if (nameAt < 0)
            return false;
        const qsizetype nameEnd = head.indexOf('"', nameAt + 6);
        if (nameEnd < 0)
            return false;
        m_fields.insert(QString::fromUtf8(head.mid(nameAt + 6, nameEnd - nameAt - 6)),
                        QString::fromUtf8(value));
    }
    return true;
}

} // namespace roomwarden::sandbox
