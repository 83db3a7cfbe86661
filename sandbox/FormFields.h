#pragma once
// Request parameters for the id.twitch.tv endpoints: §2.1 says form-encoded bodies, multipart is
// also accepted (twitch-cli sends it), and so are query-string parameters.
#include "sandbox/HttpsServer.h"

#include <QHash>
#include <QString>

namespace roomwarden::sandbox {

class FormFields
{
public:
    // False (with *error) when the body claims a form encoding but cannot be parsed.
    bool parse(const ApiRequest &request, QString *error);
    QString value(const QString &name) const { return m_fields.value(name); }
    bool contains(const QString &name) const { return m_fields.contains(name); }

private:
    bool parseUrlEncoded(const QByteArray &body);
    bool parseMultipart(const QByteArray &body, const QByteArray &contentType);

    QHash<QString, QString> m_fields;
};

} // namespace roomwarden::sandbox
