#include "sandbox/HelixSupport.h"

#include "sandbox/World.h"

#include <QJsonDocument>

namespace roomwarden::sandbox::helix {

Check requireScope(const HelixCall &call, const QStringList &anyOf)
{
    for (const QString &s : anyOf) {
        if (call.grant.hasScope(s))
            return std::nullopt;
    }
    return HttpResult::helixError(401, QStringLiteral("Missing scope: ") + anyOf.value(0));
}

Check requireParam(const HelixCall &call, const char *name)
{
    if (!call.param(name).isEmpty())
        return std::nullopt;
    return HttpResult::helixError(
        400, QStringLiteral("Missing required parameter \"%1\"").arg(QLatin1String(name)));
}

Check requireModerator(World &world, const HelixCall &call)
{
    if (auto e = requireParam(call, "broadcaster_id"))
        return e;
    if (auto e = requireParam(call, "moderator_id"))
        return e;
    if (call.param("moderator_id") != call.grant.userId)
        return HttpResult::helixError(
            401, QStringLiteral("The ID in moderator_id must match the user ID found in the "
                                "request's OAuth token."));
    const QString broadcasterId = call.param("broadcaster_id");
    if (!world.channel(broadcasterId))
        return HttpResult::helixError(400, QStringLiteral("Invalid broadcaster_id"));
    if (!world.hasModRights(broadcasterId, call.grant.userId))
        return HttpResult::helixError(
            403,
            QStringLiteral("The user in moderator_id is not one of the broadcaster's moderators"));
    return std::nullopt;
}

Check requireBroadcaster(World &world, const HelixCall &call)
{
    if (auto e = requireParam(call, "broadcaster_id"))
        return e;
    if (call.param("broadcaster_id") != call.grant.userId)
        return HttpResult::helixError(
            401, QStringLiteral("The ID in broadcaster_id must match the user ID found in the "
                                "request's OAuth token."));
    world.ensureChannel(call.grant.userId);
    return std::nullopt;
}

Check pageOf(const HelixCall &call, const QJsonArray &all, int defaultFirst, int maxFirst,
             Page *page)
{
    int first = defaultFirst;
    if (call.has("first")) {
        bool ok = false;
        first = call.param("first").toInt(&ok);
        if (!ok || first < 1 || first > maxFirst)
            return HttpResult::helixError(
                400, QStringLiteral("The parameter \"first\" was malformed: the value must be "
                                    "greater than or equal to 1 and less than or equal to %1")
                         .arg(maxFirst));
    }
    qsizetype offset = 0;
    if (call.has("after")) {
        const auto decoded = QByteArray::fromBase64Encoding(
            call.param("after").toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        const QJsonObject o = QJsonDocument::fromJson(decoded.decoded).object();
        if (!decoded || !o.value(QStringLiteral("o")).isDouble())
            return HttpResult::helixError(400, QStringLiteral("Invalid cursor"));
        offset = qBound<qsizetype>(0, o.value(QStringLiteral("o")).toInteger(), all.size());
    }
    page->data = QJsonArray();
    for (qsizetype i = offset; i < all.size() && i < offset + first; ++i)
        page->data.append(all.at(i));
    page->pagination = QJsonObject();
    const qsizetype next = offset + first;
    if (next < all.size()) {
        const QByteArray cursor =
            QJsonDocument(QJsonObject{{QStringLiteral("o"), next}}).toJson(QJsonDocument::Compact);
        page->pagination.insert(QStringLiteral("cursor"), QString::fromLatin1(cursor.toBase64(
                                                              QByteArray::Base64UrlEncoding |
                                                              QByteArray::OmitTrailingEquals)));
    }
    return std::nullopt;
}

HttpResult ok(const QJsonObject &body)
{
    HttpResult r;
    r.body = QJsonDocument(body);
    return r;
}

HttpResult okData(const QJsonArray &data)
{
    return ok({{QStringLiteral("data"), data}});
}

HttpResult noContent()
{
    HttpResult r;
    r.status = 204;
    return r;
}

Check parseBody(const HelixCall &call, QJsonObject *out)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(call.request.body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return HttpResult::helixError(400, QStringLiteral("The request body is not valid JSON"));
    *out = doc.object();
    return std::nullopt;
}

QString timestamp(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

void addUserFields(const World &world, QJsonObject &o, const QString &prefix, const QString &userId)
{
    const User *u = world.user(userId);
    o.insert(prefix + QStringLiteral("_id"), userId);
    o.insert(prefix + QStringLiteral("_login"), u ? u->login : QString());
    o.insert(prefix + QStringLiteral("_name"), u ? u->displayName : QString());
}

} // namespace roomwarden::sandbox::helix
