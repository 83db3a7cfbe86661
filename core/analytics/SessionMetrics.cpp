#include "core/analytics/SessionMetrics.h"

#include "core/analytics/AnalyticsSchema.h"
#include "core/util/Logging.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace roomwarden::analytics {

namespace {
using storage::StorageError;

constexpr qint64 kMinuteMs = 60'000;
constexpr int kRetentionPoints = 120;

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("roomwarden::analytics::SessionMetrics", text,
                                       disambiguation, n);
}

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

Figure exact(double value)
{
    return Figure{value, false, {}};
}

Figure estimated(double value, QString method)
{
    return Figure{value, true, std::move(method)};
}

// Counts of events delivered by the platform: exact, unless the connection dropped.
Figure counted(double value, qint64 gaps)
{
    if (gaps == 0)
        return exact(value);
    return estimated(value, tr("Counted from the events received; %n connection gap(s) in "
                               "this session may have hidden some.",
                               nullptr, int(gaps)));
}

struct MinuteRow
{
    qint64 minuteMs = 0;
    qint64 messages = 0;
    qint64 chatters = 0;
    qint64 joins = 0;
    qint64 leaves = 0;
    qint64 raidsIn = 0;
    qint64 raidInViewers = 0;
    qint64 raidsOut = 0;
    qint64 raidOutViewers = 0;
    qint64 viewersSamples = 0;
    double viewersMean = 0;
};

SessionSummary summaryOf(storage::Statement &st)
{
    SessionSummary s;
    s.id = st.int64(0);
    s.roomKey = st.text(1);
    s.startedAt = utc(st.int64(2));
    if (!st.isNull(3))
        s.endedAt = utc(st.int64(3));
    s.source = st.text(4);
    s.endReason = st.text(5);
    s.events = st.int64(6);
    s.lastEventAt = utc(st.isNull(7) ? st.int64(2) : st.int64(7));
    return s;
}

const char *const kSessionColumns = "id, room_key, started_at_ms, ended_at_ms, source, "
                                    "end_reason, event_count, last_event_ms";
} // namespace

storage::Result<std::unique_ptr<SessionMetrics>> SessionMetrics::open(const QString &path,
                                                                      storage::FieldCipher cipher)
{
    storage::OpenOptions options;
    options.readOnly = true;
    auto db = storage::Database::open(path, analyticsSchema(), options);
    if (!db)
        return *db.error;
    return std::unique_ptr<SessionMetrics>(new SessionMetrics(std::move(*db), std::move(cipher)));
}

SessionMetrics::SessionMetrics(std::unique_ptr<storage::Database> db, storage::FieldCipher cipher)
    : m_db(std::move(db)), m_cipher(std::move(cipher))
{}

QString SessionMetrics::unseal(const QByteArray &blob, const QByteArray &associatedData) const
{
    if (blob.isEmpty())
        return {};
    auto text = m_cipher.open(blob, associatedData);
    if (!text) {
        qCDebug(lcAnalytics) << "an analytics name is unreadable:" << text.error->message;
        return tr("(unreadable)");
    }
    return *text;
}

storage::Result<QList<SessionSummary>> SessionMetrics::listSessions(const QString &roomKey)
{
    const QString sql =
        QStringLiteral("SELECT %1 FROM sessions %2 ORDER BY started_at_ms DESC, "
                       "id DESC")
            .arg(QLatin1String(kSessionColumns),
                 roomKey.isEmpty() ? QString() : QStringLiteral("WHERE room_key = ?"));
    auto st = m_db->cached(sql);
    if (!st)
        return *st.error;
    if (!roomKey.isEmpty())
        (*st)->bind(1, roomKey);
    QList<SessionSummary> out;
    for (;;) {
        auto row = (*st)->step();
        if (!row)
            return *row.error;
        if (!*row)
            break;
        out << summaryOf(**st);
    }
    (*st)->reset();
    return out;
}

storage::Result<SessionReport> SessionMetrics::compute(qint64 sessionId, int topChatters)
{
    SessionReport r;
    // --- the session ---
    {
        auto st = m_db->prepare(QStringLiteral("SELECT %1 FROM sessions WHERE id = ?")
                                    .arg(QLatin1String(kSessionColumns)));
        if (!st)
            return *st.error;
        st->bind(1, sessionId);
        auto row = st->step();
        if (!row)
            return *row.error;
        if (!*row) {
            StorageError e;
            e.code = StorageError::Code::Misuse;
            e.message = tr("There is no analytics session %1.").arg(sessionId);
            return e;
        }
        r.session = summaryOf(*st);
    }
    const qint64 startMs = r.session.startedAt.toMSecsSinceEpoch();
    r.open = !r.session.endedAt.has_value();
    const qint64 endMs = std::max(startMs, r.open ? r.session.lastEventAt.toMSecsSinceEpoch()
                                                  : r.session.endedAt->toMSecsSinceEpoch());
    const double durationMin = double(endMs - startMs) / kMinuteMs;
    if (r.open)
        r.durationSeconds = estimated(double(endMs - startMs) / 1000,
                                      tr("The session is still open: measured to the last "
                                         "recorded event."));
    else if (r.session.endReason == QLatin1String(endReason::kInterrupted))
        r.durationSeconds = estimated(double(endMs - startMs) / 1000,
                                      tr("Roomwarden stopped without closing this session: it "
                                         "ends at the last event that was saved."));
    else
        r.durationSeconds = exact(double(endMs - startMs) / 1000);

    // --- the minute rollups ---
    std::vector<MinuteRow> minutes;
    qint64 messages = 0, follows = 0, bans = 0, timeouts = 0, deletions = 0, modActions = 0,
           automod = 0, gaps = 0, peakViewers = 0, viewerSamples = 0, peakListed = 0,
           listedSamples = 0, present = 0, peakPresent = 0;
    {
        auto st = m_db->prepare(QStringLiteral(
            "SELECT minute_ms, messages, chatters, joins, leaves, follows, bans, timeouts, "
            "deletions, mod_actions, automod_held, raids_in, raid_in_viewers, raids_out, "
            "raid_out_viewers, viewers_max, viewers_sum, viewers_samples, chatters_count_max, "
            "chatters_count_samples, gaps FROM minutes WHERE session_id = ? ORDER BY minute_ms"));
        if (!st)
            return *st.error;
        st->bind(1, sessionId);
        for (;;) {
            auto row = st->step();
            if (!row)
                return *row.error;
            if (!*row)
                break;
            MinuteRow m;
            m.minuteMs = st->int64(0);
            m.messages = st->int64(1);
            m.chatters = st->int64(2);
            m.joins = st->int64(3);
            m.leaves = st->int64(4);
            follows += st->int64(5);
            bans += st->int64(6);
            timeouts += st->int64(7);
            deletions += st->int64(8);
            modActions += st->int64(9);
            automod += st->int64(10);
            m.raidsIn = st->int64(11);
            m.raidInViewers = st->int64(12);
            m.raidsOut = st->int64(13);
            m.raidOutViewers = st->int64(14);
            peakViewers = std::max(peakViewers, st->int64(15));
            m.viewersSamples = st->int64(17);
            if (m.viewersSamples > 0)
                m.viewersMean = double(st->int64(16)) / double(m.viewersSamples);
            viewerSamples += m.viewersSamples;
            peakListed = std::max(peakListed, st->int64(18));
            listedSamples += st->int64(19);
            gaps += st->int64(20);
            messages += m.messages;
            present += m.joins - m.leaves;
            peakPresent = std::max(peakPresent, present);

            TimelinePoint p;
            p.minute = utc(m.minuteMs);
            p.joins = m.joins;
            p.leaves = m.leaves;
            p.present = present;
            p.messages = m.messages;
            p.chatters = m.chatters;
            if (m.viewersSamples > 0)
                p.viewers = m.viewersMean;
            r.timeline << p;
            minutes.push_back(m);
        }
    }

    // Viewers: each minute's mean sample holds until the next sampled minute.
    double viewerMinutes = 0;
    qint64 firstSampleMs = -1;
    {
        double current = 0;
        for (size_t i = 0; i < minutes.size(); ++i) {
            const MinuteRow &m = minutes[i];
            if (m.viewersSamples == 0)
                continue;
            if (firstSampleMs < 0)
                firstSampleMs = std::max(m.minuteMs, startMs);
            current = m.viewersMean;
            qint64 until = endMs;
            for (size_t j = i + 1; j < minutes.size(); ++j) {
                if (minutes[j].viewersSamples > 0) {
                    until = std::min(endMs, minutes[j].minuteMs);
                    break;
                }
            }
            const qint64 from = std::max(m.minuteMs, startMs);
            if (until > from)
                viewerMinutes += current * double(until - from) / kMinuteMs;
        }
    }
    const QString sampledNote = tr("Viewer counts are sampled about once a minute from the "
                                   "platform; each sample is taken to hold until the next one.");
    r.peakViewers = estimated(double(peakViewers),
                              tr("The highest sampled viewer count; the true peak may fall "
                                 "between samples."));
    r.viewerMinutes =
        estimated(viewerMinutes, tr("The sum, minute by minute from the first sample to the "
                                    "end, of the latest sampled viewer count. ") +
                                     sampledNote);
    const double sampledMinutes =
        firstSampleMs < 0 ? 0 : double(std::max<qint64>(0, endMs - firstSampleMs)) / kMinuteMs;
    r.averageViewers = estimated(sampledMinutes > 0 ? viewerMinutes / sampledMinutes : 0,
                                 tr("Viewer-minutes divided by the minutes from the first "
                                    "sample to the end. ") +
                                     sampledNote);
    if (viewerSamples == 0) {
        const QString none = tr("No viewer counts were sampled in this session.");
        r.peakViewers.method = r.viewerMinutes.method = r.averageViewers.method = none;
    }
    r.peakPresent = estimated(double(peakPresent),
                              tr("The most people present at once, from join and leave events "
                                 "counted at the end of each minute."));
    r.peakChattersListed =
        estimated(double(peakListed), tr("The largest chatter list seen; Roomwarden polls its "
                                         "size at a rate-limit-friendly interval (%n sample(s)).",
                                         nullptr, int(listedSamples)));
    r.chatMessages = counted(double(messages), gaps);
    r.messagesPerMinute = counted(durationMin > 0 ? double(messages) / durationMin : 0, gaps);
    r.newFollowers = counted(double(follows), gaps);
    r.bans = counted(double(bans), gaps);
    r.timeouts = counted(double(timeouts), gaps);
    r.deletions = counted(double(deletions), gaps);
    r.moderationActions = counted(double(modActions), gaps);
    r.automodHeld = counted(double(automod), gaps);
    r.gaps = exact(double(gaps));

    // Raids and what they did to the audience.
    for (size_t i = 0; i < minutes.size(); ++i) {
        const MinuteRow &m = minutes[i];
        for (int direction = 0; direction < 2; ++direction) {
            const bool incoming = direction == 0;
            if ((incoming ? m.raidsIn : m.raidsOut) == 0)
                continue;
            RaidEffect e;
            e.minute = utc(m.minuteMs);
            e.incoming = incoming;
            e.raidViewers = incoming ? m.raidInViewers : m.raidOutViewers;
            const qint64 window = qint64(kRaidWindowMinutes) * kMinuteMs;
            double afterSum = 0;
            int afterCount = 0;
            qint64 before = 0, after = 0;
            for (const MinuteRow &o : minutes) {
                if (o.minuteMs < m.minuteMs && o.viewersSamples > 0)
                    e.viewersBefore = o.viewersMean;
                if (o.minuteMs > m.minuteMs && o.minuteMs <= m.minuteMs + window &&
                    o.viewersSamples > 0) {
                    afterSum += o.viewersMean;
                    ++afterCount;
                }
                if (o.minuteMs >= m.minuteMs - window && o.minuteMs < m.minuteMs)
                    before += o.messages;
                if (o.minuteMs >= m.minuteMs && o.minuteMs < m.minuteMs + window)
                    after += o.messages;
            }
            if (afterCount > 0)
                e.viewersAfter = afterSum / afterCount;
            e.messagesPerMinuteBefore = double(before) / kRaidWindowMinutes;
            e.messagesPerMinuteAfter = double(after) / kRaidWindowMinutes;
            r.raids << e;
        }
    }

    // --- the participants ---
    std::vector<qint64> stays;
    std::vector<std::pair<qint64, QString>> chatters;
    double stickinessSum = 0;
    qint64 stickinessCount = 0, inferred = 0, totalStay = 0;
    {
        auto st = m_db->prepare(
            QStringLiteral("SELECT user_id, first_seen_ms, last_seen_ms, messages, joins, "
                           "present_ms, present_since_ms FROM participants WHERE session_id = ?"));
        if (!st)
            return *st.error;
        st->bind(1, sessionId);
        for (;;) {
            auto row = st->step();
            if (!row)
                return *row.error;
            if (!*row)
                break;
            const qint64 first = st->int64(1);
            const qint64 last = st->int64(2);
            const qint64 sent = st->int64(3);
            qint64 stay = 0;
            if (st->int64(4) > 0) {
                stay = st->int64(5);
                if (!st->isNull(6))
                    stay += std::max<qint64>(0, endMs - st->int64(6));
            } else {
                stay = std::max<qint64>(0, last - first);
                ++inferred;
            }
            totalStay += stay;
            stays.push_back(stay);
            if (endMs > first) {
                stickinessSum += std::clamp(double(stay) / double(endMs - first), 0.0, 1.0);
                ++stickinessCount;
            }
            if (sent > 0)
                chatters.emplace_back(sent, st->text(0));
        }
    }
    const qint64 people = qint64(stays.size());
    r.totalUnique =
        estimated(double(people), tr("Distinct people seen in chat, joins and leaves, follows and "
                                     "subscriptions. Viewers who never appear in any of these are "
                                     "not counted."));
    r.uniqueChatters = counted(double(chatters.size()), gaps);
    r.totalSpeakers = r.uniqueChatters;
    auto presence = [&](double value) {
        if (inferred == 0)
            return counted(value, gaps);
        return estimated(value, tr("Time present comes from join and leave events; for %n "
                                   "person(s) without them it is the span from their first to "
                                   "their last activity, which undercounts quiet viewers.",
                                   nullptr, int(inferred)));
    };
    r.totalTimeSeconds = presence(double(totalStay) / 1000);
    r.averageTimeSeconds = presence(people > 0 ? double(totalStay) / 1000 / double(people) : 0);
    r.averageStickiness =
        presence(stickinessCount > 0 ? stickinessSum / double(stickinessCount) : 0);

    // Retention: the share of people who stayed at least k minutes.
    std::sort(stays.begin(), stays.end());
    if (people > 0) {
        const int total = int(std::ceil(durationMin));
        const int step = std::max(1, (total + kRetentionPoints - 1) / kRetentionPoints);
        for (int k = 0; k <= total; k += step) {
            const auto from = std::lower_bound(stays.begin(), stays.end(), qint64(k) * kMinuteMs);
            r.retention << RetentionPoint{k, double(stays.end() - from) / double(people)};
        }
    }

    // Top chatters, then only their names are decrypted.
    const size_t top = std::min(chatters.size(), size_t(std::max(0, topChatters)));
    std::partial_sort(chatters.begin(), chatters.begin() + qsizetype(top), chatters.end(),
                      [](const auto &a, const auto &b) {
                          return a.first != b.first ? a.first > b.first : a.second < b.second;
                      });
    if (top > 0) {
        auto st = m_db->prepare(
            QStringLiteral("SELECT name FROM participants WHERE session_id = ? AND user_id = ?"));
        if (!st)
            return *st.error;
        for (size_t i = 0; i < top; ++i) {
            st->reset();
            st->bind(1, sessionId).bind(2, chatters[i].second);
            auto row = st->step();
            if (!row)
                return *row.error;
            const QByteArray ad = "participants.name:" + QByteArray::number(sessionId) + ':' +
                                  chatters[i].second.toUtf8();
            r.topChatters << TopChatter{
                chatters[i].second, *row ? unseal(st->blob(0), ad) : QString(), chatters[i].first};
        }
    }

    // --- moderation, by kind and by moderator ---
    {
        auto st = m_db->prepare(QStringLiteral(
            "SELECT moderator_id, kind, actions, moderator_name FROM moderation_counts WHERE "
            "session_id = ? ORDER BY moderator_id, kind"));
        if (!st)
            return *st.error;
        st->bind(1, sessionId);
        for (;;) {
            auto row = st->step();
            if (!row)
                return *row.error;
            if (!*row)
                break;
            const QString moderator = st->text(0);
            const int code = int(st->int64(1));
            const qint64 actions = st->int64(2);
            const auto kind = kindFromCode(code);
            const QString kindId = kind ? model::eventKindId(*kind) : QString::number(code);
            r.actionsByKind[kindId] += actions;
            if (r.byModerator.isEmpty() || r.byModerator.last().moderatorId != moderator)
                r.byModerator << ModeratorActions{moderator, {}, {}, 0};
            ModeratorActions &m = r.byModerator.last();
            m.byKind[kindId] += actions;
            m.total += actions;
            if (m.name.isEmpty() || m.name == tr("(unreadable)")) {
                const QByteArray ad =
                    "moderation_counts.moderator_name:" + QByteArray::number(sessionId) + ':' +
                    moderator.toUtf8() + ':' + QByteArray::number(code);
                const QString name = unseal(st->blob(3), ad);
                if (!name.isEmpty())
                    m.name = name;
            }
        }
        std::stable_sort(
            r.byModerator.begin(), r.byModerator.end(),
            [](const ModeratorActions &a, const ModeratorActions &b) { return a.total > b.total; });
    }
    return r;
}

} // namespace roomwarden::analytics
