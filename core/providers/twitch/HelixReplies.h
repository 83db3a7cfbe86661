#pragma once
// Internal to HelixClient's .cpp files: reading Helix replies and answering refused calls.
#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"

#include <QJsonArray>
#include <QMetaObject>
#include <QUrlQuery>

namespace roomwarden::twitch::helix {

inline QUrlQuery roomQuery(const QString &broadcasterId, const QString &moderatorId)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("broadcaster_id"), broadcasterId);
    q.addQueryItem(QStringLiteral("moderator_id"), moderatorId);
    return q;
}

// Helix lists are {data:[...]}; a success without `data` is a protocol error.
inline std::optional<QJsonArray> dataArray(const net::ApiResponse &r)
{
    const QJsonValue data = r.object().value(u"data");
    if (!data.isArray())
        return std::nullopt;
    return data.toArray();
}

// The single object most writes answer with (`data[0]`).
inline std::optional<QJsonObject> firstData(const net::ApiResponse &r)
{
    const auto data = dataArray(r);
    if (!data || data->isEmpty() || !data->first().isObject())
        return std::nullopt;
    return data->first().toObject();
}

inline net::ApiError parseError(const net::ApiResponse &r, const QString &what)
{
    return {net::ApiError::Kind::Parse,
            r.httpStatus,
            QStringLiteral("unexpected %1 reply").arg(what),
            {}};
}

template <typename T>
HelixResult<T> failure(net::ApiError e)
{
    HelixResult<T> out;
    out.error = std::move(e);
    return out;
}

template <typename T>
HelixResult<T> success(T value)
{
    HelixResult<T> out;
    out.value = std::move(value);
    return out;
}

// For the calls whose success has no body worth reading (204s).
inline void answerNothing(const net::ApiResponse &r, const HelixClient::Done<HelixNothing> &done)
{
    done(r.ok() ? success(HelixNothing{}) : failure<HelixNothing>(*r.error));
}

} // namespace roomwarden::twitch::helix

namespace roomwarden::twitch {

template <typename T>
bool HelixClient::refuse(auth::ApiOperation operation, const QString &broadcasterId,
                         QObject *context, const Done<T> &done)
{
    auto refusal = check(operation, broadcasterId);
    if (!refusal)
        return false;
    HelixResult<T> result;
    result.error = net::ApiError::refused(refusal->reason);
    result.refusal = std::move(refusal);
    // Like ApiClient: never answer synchronously, and not at all once `context` is gone.
    QMetaObject::invokeMethod(
        context ? context : this, [done, result] { done(result); }, Qt::QueuedConnection);
    return true;
}

} // namespace roomwarden::twitch
