#include "core/util/Redactor.h"

#include <QRegularExpression>

#include <algorithm>

namespace roomwarden::util {

namespace {

struct Rule
{
    QRegularExpression pattern;
    QString replacement;
};

// Written without nested quantifiers so that hostile, very long lines cannot make them
// backtrack for long (tested with a 1 MiB line).
const QList<Rule> &rules()
{
    static const QList<Rule> kRules = [] {
        const auto opts = QRegularExpression::CaseInsensitiveOption;
        QList<Rule> r;
        // Header lines, also inside JSON or a dumped QNetworkRequest: mask to the end of the
        // value (a token may follow any scheme, or none).
        r.append({QRegularExpression(
                      QStringLiteral(
                          R"((\b(?:proxy-)?authorization\b["']?)(\s*[:=]\s*)(["']?)[^\r\n"']*)"),
                      opts),
                  QStringLiteral("\\1\\2\\3[redacted]")});
        // Credential-named fields: JSON ("k": "v"), form and query (k=v), YAML-ish (k: v).
        r.append({QRegularExpression(
                      QStringLiteral(
                          R"((["']?)\b(access_token|refresh_token|id_token|client_secret|)"
                          R"(device_code|code_verifier|bot_token|api_key|password|secret|token)\1)"
                          R"((\s*[:=]\s*)(["']?)[^\s"'&,;}\]]+)"),
                      opts),
                  QStringLiteral("\\1\\2\\1\\3\\4[redacted]")});
        // An authorization code in a redirect URL or form body.
        r.append({QRegularExpression(QStringLiteral(R"(([?&]code=)[^\s&#"']+)"), opts),
                  QStringLiteral("\\1[redacted]")});
        // Schemes followed by a token, wherever they appear.
        r.append({QRegularExpression(
                      QStringLiteral(R"(\b(bearer|oauth)(\s+)[A-Za-z0-9\-._~+/]{6,}=*)"), opts),
                  QStringLiteral("\\1\\2[redacted]")});
        r.append(
            {QRegularExpression(QStringLiteral(R"(\b(bot)(\s+)[A-Za-z0-9\-._~+/]{20,}=*)"), opts),
             QStringLiteral("\\1\\2[redacted]")});
        // Twitch IRC password form.
        r.append({QRegularExpression(QStringLiteral(R"(\boauth:[a-z0-9]{20,})"), opts),
                  QStringLiteral("oauth:[redacted]")});
        // JWTs (OpenID id tokens, some access tokens).
        r.append({QRegularExpression(QStringLiteral(
                      R"(\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)")),
                  QStringLiteral("[redacted]")});
        // Discord bot tokens: three base64url parts, 24+ . 6 . 27+ characters.
        r.append({QRegularExpression(QStringLiteral(
                      R"(\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,7}\.[A-Za-z0-9_-]{25,})")),
                  QStringLiteral("[redacted]")});
        for (const Rule &rule : r)
            Q_ASSERT(rule.pattern.isValid());
        return r;
    }();
    return kRules;
}

} // namespace

QString Redactor::redactShapes(QStringView text)
{
    QString out = text.toString();
    for (const Rule &rule : rules())
        out.replace(rule.pattern, rule.replacement);
    return out;
}

QString Redactor::redact(QStringView text) const
{
    QString out = text.toString();
    {
        QReadLocker lock(&m_lock);
        // Longest first, so a secret that contains another is masked whole.
        QList<QString> secrets(m_secrets.cbegin(), m_secrets.cend());
        std::sort(secrets.begin(), secrets.end(),
                  [](const QString &a, const QString &b) { return a.size() > b.size(); });
        for (const QString &s : secrets)
            out.replace(s, kMask.toString());
    }
    return redactShapes(out);
}

void Redactor::addSecret(const QString &secret)
{
    if (secret.size() < kMinSecretLength)
        return;
    QWriteLocker lock(&m_lock);
    m_secrets.insert(secret);
}

void Redactor::removeSecret(const QString &secret)
{
    QWriteLocker lock(&m_lock);
    m_secrets.remove(secret);
}

qsizetype Redactor::secretCount() const
{
    QReadLocker lock(&m_lock);
    return m_secrets.size();
}

} // namespace roomwarden::util
