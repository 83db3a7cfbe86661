#include "core/live/EventText.h"

#include <QCoreApplication>

namespace roomwarden::live {

using model::RoomEventKind;

namespace {
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("roomwarden::live::EventText", text, disambiguation, n);
}

QString who(const QString &name, const QString &id)
{
    if (!name.isEmpty())
        return name;
    if (!id.isEmpty())
        return id;
    return tr("someone");
}

QString withReason(const QString &line, const QString &reason)
{
    return reason.isEmpty() ? line : tr("%1 (reason: %2)").arg(line, reason);
}
} // namespace

QString describeEvent(const model::RoomEvent &e)
{
    const QString actor = who(e.actorName, e.actorId);
    const QString target = who(e.targetName, e.targetId);
    switch (e.kind) {
    case RoomEventKind::ChatMessage:
        return tr("%1: %2").arg(actor, e.text);
    case RoomEventKind::MessageDeleted:
        return tr("%1 deleted a message by %2").arg(actor, target);
    case RoomEventKind::ChatCleared:
        return tr("%1 cleared the chat").arg(actor);
    case RoomEventKind::UserBanned:
        return withReason(tr("%1 banned %2").arg(actor, target), e.text);
    case RoomEventKind::UserTimedOut:
        return withReason(tr("%1 timed out %2 for %n second(s)", nullptr,
                             static_cast<int>(e.durationSeconds.value_or(0)))
                              .arg(actor, target),
                          e.text);
    case RoomEventKind::UserUnbanned:
        return tr("%1 unbanned %2").arg(actor, target);
    case RoomEventKind::UserWarned:
        return withReason(tr("%1 warned %2").arg(actor, target), e.text);
    case RoomEventKind::Follow:
        return tr("%1 followed").arg(actor);
    case RoomEventKind::Subscription:
        return tr("%1 subscribed").arg(actor);
    case RoomEventKind::RaidIncoming:
        return tr("%1 raided with %n viewer(s)", nullptr, static_cast<int>(e.count.value_or(0)))
            .arg(actor);
    case RoomEventKind::RaidOutgoing:
        return tr("Raiding %1 with %n viewer(s)", nullptr, static_cast<int>(e.count.value_or(0)))
            .arg(target);
    case RoomEventKind::StreamOnline:
        return tr("The stream went live");
    case RoomEventKind::StreamOffline:
        return tr("The stream went offline");
    case RoomEventKind::AutoModHeld:
        return tr("AutoMod held a message by %1: %2").arg(actor, e.text);
    case RoomEventKind::AutoModResolved:
        return tr("%1 resolved a held message by %2").arg(actor, target);
    case RoomEventKind::ChatSettingsChanged:
        return tr("%1 changed the chat settings").arg(actor);
    case RoomEventKind::ShieldModeChanged:
        return e.count.value_or(0) ? tr("%1 turned shield mode on").arg(actor)
                                   : tr("%1 turned shield mode off").arg(actor);
    case RoomEventKind::UnbanRequestCreated:
        return tr("%1 asked to be unbanned: %2").arg(actor, e.text);
    case RoomEventKind::UnbanRequestResolved:
        return tr("%1 resolved the unban request of %2").arg(actor, target);
    case RoomEventKind::ParticipantJoined:
        return tr("%1 joined").arg(actor);
    case RoomEventKind::ParticipantLeft:
        return tr("%1 left").arg(actor);
    case RoomEventKind::SpeakerInvited:
        return tr("%1 invited %2 to speak").arg(actor, target);
    case RoomEventKind::HandRaised:
        return tr("%1 raised a hand").arg(actor);
    case RoomEventKind::ViewerCountSample:
        return tr("%n viewer(s)", nullptr, static_cast<int>(e.count.value_or(0)));
    case RoomEventKind::Gap: {
        const QString from = e.occurredAt.toString(Qt::ISODate);
        const QString to = e.gapEnd ? e.gapEnd->toString(Qt::ISODate) : tr("now");
        return tr("Connection lost from %1 to %2: events in between may be missing").arg(from, to);
    }
    }
    return eventKindId(e.kind);
}

} // namespace roomwarden::live
