#include "sandbox/HelixTermsRoutes.h"

#include "sandbox/World.h"

namespace roomwarden::sandbox {

using namespace helix;

namespace {

const QString kManageTerms = QStringLiteral("moderator:manage:blocked_terms");
const QString kManageUnban = QStringLiteral("moderator:manage:unban_requests");

// §3.3: `*` is a wildcard only at the start or end of a word.
bool wildcardsValid(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('*'))
            continue;
        const bool atStart = i == 0 || text.at(i - 1).isSpace();
        const bool atEnd = i == text.size() - 1 || text.at(i + 1).isSpace();
        if (!atStart && !atEnd)
            return false;
    }
    return true;
}

} // namespace

QList<HelixRoute> HelixTermsRoutes::routes()
{
    auto bind = [this](HttpResult (HelixTermsRoutes::*fn)(const HelixCall &)) {
        return [this, fn](const HelixCall &c) { return (this->*fn)(c); };
    };
    const QString terms = QStringLiteral("/moderation/blocked_terms");
    const QString unban = QStringLiteral("/moderation/unban_requests");
    return {{QStringLiteral("GET"), terms, bind(&HelixTermsRoutes::blockedTerms)},
            {QStringLiteral("POST"), terms, bind(&HelixTermsRoutes::addBlockedTerm)},
            {QStringLiteral("DELETE"), terms, bind(&HelixTermsRoutes::removeBlockedTerm)},
            {QStringLiteral("GET"), unban, bind(&HelixTermsRoutes::unbanRequests)},
            {QStringLiteral("PATCH"), unban, bind(&HelixTermsRoutes::resolveUnbanRequest)}};
}

QJsonObject HelixTermsRoutes::termJson(const QString &broadcasterId, const BlockedTerm &t) const
{
    return {{QStringLiteral("broadcaster_id"), broadcasterId},
            {QStringLiteral("moderator_id"), t.moderatorId},
            {QStringLiteral("id"), t.id},
            {QStringLiteral("text"), t.text},
            {QStringLiteral("created_at"), timestamp(t.createdAt)},
            {QStringLiteral("updated_at"), timestamp(t.updatedAt)},
            {QStringLiteral("expires_at"),
             t.expiresAt ? QJsonValue(timestamp(*t.expiresAt)) : QJsonValue(QJsonValue::Null)}};
}

HttpResult HelixTermsRoutes::blockedTerms(const HelixCall &call)
{
    if (auto e = requireScope(call, {kManageTerms, QStringLiteral("moderator:read:blocked_terms")}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    const QString bid = call.param("broadcaster_id");
    QJsonArray all;
    for (const BlockedTerm &t : m_world->channel(bid)->blockedTerms)
        all.append(termJson(bid, t));
    Page page;
    if (auto e = pageOf(call, all, 20, 100, &page))
        return *e;
    return ok(
        {{QStringLiteral("data"), page.data}, {QStringLiteral("pagination"), page.pagination}});
}

HttpResult HelixTermsRoutes::addBlockedTerm(const HelixCall &call)
{
    if (auto e = requireScope(call, {kManageTerms}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    QJsonObject body;
    if (auto e = parseBody(call, &body))
        return *e;
    const QString text = body.value(QStringLiteral("text")).toString();
    if (text.size() < 2 || text.size() > 500)
        return HttpResult::helixError(400, QStringLiteral("The length of the term in the text "
                                                          "field is not valid"));
    if (!wildcardsValid(text))
        return HttpResult::helixError(400, QStringLiteral("A wildcard (*) may only be used at "
                                                          "the start or end of a word"));
    const QString bid = call.param("broadcaster_id");
    Channel *c = m_world->channel(bid);
    for (const BlockedTerm &t : c->blockedTerms) {
        if (t.text.compare(text, Qt::CaseInsensitive) == 0) // §3.3: the existing term
            return okData({termJson(bid, t)});
    }
    BlockedTerm t;
    t.id = m_world->newUuid();
    t.text = text;
    t.moderatorId = call.grant.userId;
    t.createdAt = t.updatedAt = m_world->now();
    c->blockedTerms.append(t);
    m_world->applyAction({QStringLiteral("blocked_term_add"),
                          bid,
                          call.grant.userId,
                          {},
                          {{QStringLiteral("term_id"), t.id}, {QStringLiteral("text"), t.text}},
                          {}});
    return okData({termJson(bid, t)});
}

HttpResult HelixTermsRoutes::removeBlockedTerm(const HelixCall &call)
{
    if (auto e = requireScope(call, {kManageTerms}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    if (auto e = requireParam(call, "id"))
        return *e;
    const QString bid = call.param("broadcaster_id");
    Channel *c = m_world->channel(bid);
    for (qsizetype i = 0; i < c->blockedTerms.size(); ++i) {
        if (c->blockedTerms.at(i).id != call.param("id"))
            continue;
        const BlockedTerm t = c->blockedTerms.takeAt(i);
        m_world->applyAction({QStringLiteral("blocked_term_remove"),
                              bid,
                              call.grant.userId,
                              {},
                              {{QStringLiteral("term_id"), t.id}, {QStringLiteral("text"), t.text}},
                              {}});
        break;
    }
    return noContent(); // §3.3: 204 even when the id is unknown
}

QJsonObject HelixTermsRoutes::requestJson(const QString &bid, const UnbanRequest &r) const
{
    QJsonObject o{
        {QStringLiteral("id"), r.id},
        {QStringLiteral("text"), r.text},
        {QStringLiteral("status"), r.status},
        {QStringLiteral("created_at"), timestamp(r.createdAt)},
        {QStringLiteral("resolved_at"),
         r.resolvedAt ? QJsonValue(timestamp(*r.resolvedAt)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("resolution_text"),
         r.resolutionText ? QJsonValue(*r.resolutionText) : QJsonValue(QJsonValue::Null)}};
    addUserFields(*m_world, o, QStringLiteral("broadcaster"), bid);
    addUserFields(*m_world, o, QStringLiteral("user"), r.userId);
    if (r.moderatorId.isEmpty()) {
        o.insert(QStringLiteral("moderator_id"), QString());
        o.insert(QStringLiteral("moderator_login"), QString());
        o.insert(QStringLiteral("moderator_name"), QString());
    } else {
        addUserFields(*m_world, o, QStringLiteral("moderator"), r.moderatorId);
    }
    return o;
}

HttpResult HelixTermsRoutes::unbanRequests(const HelixCall &call)
{
    if (auto e =
            requireScope(call, {kManageUnban, QStringLiteral("moderator:read:unban_requests")}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    if (auto e = requireParam(call, "status"))
        return *e;
    static const QStringList kStatuses = {QStringLiteral("pending"), QStringLiteral("approved"),
                                          QStringLiteral("denied"), QStringLiteral("acknowledged"),
                                          QStringLiteral("canceled")};
    const QString status = call.param("status");
    if (!kStatuses.contains(status))
        return HttpResult::helixError(400, QStringLiteral("The value in the status field is not "
                                                          "valid"));
    const QString bid = call.param("broadcaster_id");
    const QString userId = call.param("user_id");
    QJsonArray all;
    for (const UnbanRequest &r : m_world->channel(bid)->unbanRequests) {
        if (r.status == status && (userId.isEmpty() || r.userId == userId))
            all.append(requestJson(bid, r));
    }
    Page page;
    if (auto e = pageOf(call, all, 20, 100, &page))
        return *e;
    return ok(
        {{QStringLiteral("data"), page.data}, {QStringLiteral("pagination"), page.pagination}});
}

HttpResult HelixTermsRoutes::resolveUnbanRequest(const HelixCall &call)
{
    if (auto e = requireScope(call, {kManageUnban}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    for (const char *p : {"unban_request_id", "status"}) {
        if (auto e = requireParam(call, p))
            return *e;
    }
    const QString status = call.param("status");
    if (status != QLatin1String("approved") && status != QLatin1String("denied"))
        return HttpResult::helixError(400, QStringLiteral("The value in the status field is not "
                                                          "valid"));
    const QString resolution = call.param("resolution_text");
    if (resolution.size() > 500)
        return HttpResult::helixError(400, QStringLiteral("The text in the resolution_text field "
                                                          "is too long"));
    const QString bid = call.param("broadcaster_id");
    Channel *c = m_world->channel(bid);
    if (!c->acceptsUnbanRequests)
        return HttpResult::helixError(400, QStringLiteral("broadcaster is not receiving unban "
                                                          "requests"));
    for (UnbanRequest &r : c->unbanRequests) {
        if (r.id != call.param("unban_request_id"))
            continue;
        if (r.status != QLatin1String("pending"))
            return HttpResult::helixError(400, QStringLiteral("The unban request was already "
                                                              "resolved"));
        r.status = status;
        r.moderatorId = call.grant.userId;
        r.resolvedAt = m_world->now();
        r.resolutionText =
            call.has("resolution_text") ? std::optional<QString>(resolution) : std::nullopt;
        const UnbanRequest resolved = r;
        m_world->applyAction({QStringLiteral("unban_request_resolve"),
                              bid,
                              call.grant.userId,
                              resolved.userId,
                              {{QStringLiteral("unban_request_id"), resolved.id},
                               {QStringLiteral("status"), status},
                               {QStringLiteral("resolution_text"), resolution}},
                              {}});
        if (status == QLatin1String("approved") && m_world->activeBan(bid, resolved.userId))
            m_world->applyAction(
                {QStringLiteral("unban"), bid, call.grant.userId, resolved.userId, {}, {}});
        return okData({requestJson(bid, resolved)});
    }
    return HttpResult::helixError(404, QStringLiteral("The unban request was not found"));
}

} // namespace roomwarden::sandbox
