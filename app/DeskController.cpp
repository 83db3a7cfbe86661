#include "app/DeskController.h"

#include "core/live/EventText.h"
#include "core/moderation/ActionDispatcher.h"
#include "core/moderation/BulkPlanner.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/RoomSnapshot.h"
#include "core/providers/twitch/TwitchModerationBackend.h"
#include "core/util/Clock.h"
#include "ui/AlertPlayer.h"
#include "ui/AuditLogPage.h"
#include "ui/BulkActionDialog.h"
#include "ui/MainWindow.h"
#include "ui/RoomView.h"
#include "ui/UserCard.h"

namespace roomwarden::app {

namespace {
constexpr int kMaxPlatformEntries = 10'000;
}

DeskController::DeskController(ui::MainWindow *window, twitch::HelixClient *helix,
                               net::ApiClient *api,
                               std::unique_ptr<moderation::ActionJournal> journal,
                               const util::Clock *clock, QObject *parent)
    : QObject(parent), m_window(window), m_helix(helix), m_journal(std::move(journal)),
      m_backend(std::make_unique<twitch::TwitchModerationBackend>(helix, api)),
      m_dispatcher(
          std::make_unique<moderation::ActionDispatcher>(m_backend.get(), m_journal.get(), clock)),
      m_clock(clock)
{
    connect(m_dispatcher.get(), &moderation::ActionDispatcher::journaled, this,
            [this](const model::AuditEntry &e) {
                if (m_window)
                    m_window->auditLogPage()->updateEntry(e);
            });
    connect(m_dispatcher.get(), &moderation::ActionDispatcher::finished, this,
            &DeskController::onFinished);
    connect(m_dispatcher.get(), &moderation::ActionDispatcher::journalFailed, this,
            [this](const QString &message) {
                if (m_window)
                    m_window->setStatusText(
                        tr("The action journal could not be written: %1").arg(message));
            });
    if (m_window) {
        ui::AuditLogPage *audit = m_window->auditLogPage();
        audit->setOwnModeratorIds({m_backend->moderatorId()});
        audit->addEntries(m_journal->entries());
        const int left = int(m_dispatcher->unconfirmed().size());
        if (left > 0)
            m_window->setStatusText(tr("%n action(s) from the last run have no confirmed "
                                       "outcome; they are marked in the audit log.",
                                       nullptr, left));
    }
}

DeskController::~DeskController() = default;

live::RoomState &DeskController::stateFor(const QString &roomKey)
{
    auto &slot = m_rooms[roomKey];
    if (!slot)
        slot = std::make_unique<live::RoomState>(roomKey);
    return *slot;
}

const live::RoomState *DeskController::roomState(const QString &roomKey) const
{
    const auto it = m_rooms.find(roomKey);
    return it == m_rooms.end() ? nullptr : it->second.get();
}

void DeskController::attachRoom(ui::RoomView *view)
{
    const QString key = view->room().key();
    stateFor(key);
    twitch::HelixClient *helix = m_helix;
    view->setPermissionCheck(
        [helix, key](model::ModerationActionKind kind) -> std::optional<QString> {
            model::ModerationAction probe;
            probe.kind = kind;
            const auto op = twitch::TwitchModerationBackend::operationFor(probe);
            if (!op)
                return tr("Twitch has no such action.");
            if (auto refused = helix->check(*op, key.section(QLatin1Char(':'), 1)))
                return refused->reason;
            return std::nullopt;
        });
    connect(view, &ui::RoomView::actionRequested, m_dispatcher.get(),
            [this](const model::ModerationAction &a) { m_dispatcher->dispatch(a); });
    connect(view, &ui::RoomView::undoRequested, m_dispatcher.get(),
            [this](const QString &intentId) { m_dispatcher->undo(intentId); });
    connect(view, &ui::RoomView::bulkRequested, this,
            [this, key] { openBulk(key, moderation::BulkFilter{}, false); });
    connect(view, &ui::RoomView::raidResponseRequested, this, [this, key] {
        const auto alert = m_lastAlert.value(key);
        moderation::BulkFilter prepared;
        prepared.onlyUserIds = alert.userIds;
        openBulk(key, prepared, true);
    });
    connect(view, &ui::RoomView::userCardOpened, this, [this, key](ui::UserCard *card) {
        QList<model::AuditEntry> history;
        for (const model::AuditEntry &e : m_journal->entries(key)) {
            if (e.targetId == card->userId())
                history << e;
        }
        for (const model::AuditEntry &e : std::as_const(m_platformEntries)) {
            if (e.roomKey == key && e.targetId == card->userId())
                history << e;
        }
        std::sort(history.begin(), history.end(),
                  [](const auto &a, const auto &b) { return a.at > b.at; });
        card->setHistory(history);
        // Private notes live with the journal, sealed (the card saves as the moderator types).
        card->setNotes(m_journal->note(key, card->userId()));
        connect(card, &ui::UserCard::notesChanged, this,
                [this, key](const QString &userId, const QString &text) {
                    if (auto error = m_journal->setNote(key, userId, text, m_clock->now());
                        error && m_window)
                        m_window->setStatusText(tr("The note was not saved: %1").arg(*error));
                });
    });
}

void DeskController::onFinished(const model::AuditEntry &entry)
{
    if (!m_window)
        return;
    if (!entry.intentId.isEmpty() && entry.outcome != model::ActionOutcome::Refused)
        m_window->auditLogPage()->updateEntry(entry);
    if (ui::RoomView *view = m_window->roomView(entry.roomKey))
        view->showOutcome(entry);
    else
        m_window->setStatusText(entry.outcomeMessage);
}

model::AuditEntry DeskController::platformEntry(const model::RoomEvent &event)
{
    model::AuditEntry e;
    e.source = model::AuditEntry::Source::Platform;
    e.at = event.occurredAt;
    e.roomKey = event.roomKey;
    e.moderatorId = event.actorId;
    e.moderatorName = event.actorName;
    e.action = model::eventKindId(event.kind);
    e.targetId = event.targetId;
    e.targetName = event.targetName;
    e.reason = event.text;
    if (event.durationSeconds)
        e.detail = tr("%1 s").arg(*event.durationSeconds);
    e.outcome = model::ActionOutcome::Applied;
    return e;
}

void DeskController::setAlerts(ui::AlertPlayer *player, const QStringList &mentionNames)
{
    m_alerts = player;
    m_classifier = live::AlertClassifier(mentionNames);
}

void DeskController::observe(const model::RoomEvent &event)
{
    stateFor(event.roomKey).apply(event);
    if (m_alerts) {
        if (const auto kind = m_classifier.classify(event)) {
            const QString room = m_window && m_window->roomView(event.roomKey)
                                     ? m_window->roomView(event.roomKey)->room().name
                                     : event.roomKey;
            m_alerts->alert(*kind, room, live::describeEvent(event));
        }
    }
    using K = model::RoomEventKind;
    if (event.kind == K::UserBanned)
        m_dispatcher->observeBan(event.roomKey, event.targetId, true);
    else if (event.kind == K::UserTimedOut)
        m_dispatcher->observeBan(event.roomKey, event.targetId, false);
    else if (event.kind == K::UserUnbanned)
        m_dispatcher->observeUnban(event.roomKey, event.targetId);
    if (model::isModerationEvent(event.kind)) {
        const model::AuditEntry entry = platformEntry(event);
        m_platformEntries << entry;
        if (m_platformEntries.size() > kMaxPlatformEntries)
            m_platformEntries.remove(0, kMaxPlatformEntries / 10);
        if (m_window)
            m_window->auditLogPage()->addEntries({entry});
    }
}

void DeskController::applySnapshot(const twitch::RoomSnapshot &snapshot)
{
    live::RoomState &state = stateFor(snapshot.roomKey);
    ui::RoomView *view = m_window ? m_window->roomView(snapshot.roomKey) : nullptr;
    if (snapshot.chatModes) {
        state.setChatModes(*snapshot.chatModes);
        if (view)
            view->setChatModes(*snapshot.chatModes);
    }
    if (snapshot.shieldModeActive) {
        state.setShieldMode(*snapshot.shieldModeActive);
        if (view)
            view->setShieldMode(*snapshot.shieldModeActive);
    }
}

void DeskController::showRaid(const moderation::RaidDetector::Alert &alert)
{
    m_lastAlert.insert(alert.roomKey, alert);
    live::RoomState &state = stateFor(alert.roomKey);
    for (auto it = alert.accountCreatedAt.cbegin(); it != alert.accountCreatedAt.cend(); ++it)
        state.setAccountCreatedAt(it.key(), it.value());
    ui::RoomView *view = m_window ? m_window->roomView(alert.roomKey) : nullptr;
    if (!view)
        return;
    QString text;
    if (alert.kind == moderation::RaidDetector::Alert::Kind::Brigade && alert.hostile)
        text = tr("Brigade: %n account(s) are sending the same message: “%1”", nullptr,
                  int(alert.userIds.size()))
                   .arg(alert.repeatedText.left(120));
    else if (!alert.hostile)
        text = tr("Raid from %1 (%2 viewers): %n first-time chatter(s) arrived. Welcome them!",
                  nullptr, alert.newChatters)
                   .arg(alert.raidFrom)
                   .arg(alert.raidViewers.value_or(0));
    else
        text = tr("Possible hate raid: %n first-time chatter(s) sent most of the last %1 "
                  "messages.",
                  nullptr, alert.newChatters)
                   .arg(alert.messages);
    if (!alert.verdict.isEmpty())
        text += QLatin1Char(' ') + tr("(%1)").arg(alert.verdict);
    view->showRaidAlert(text, alert.hostile);
    if (m_alerts)
        m_alerts->alert(live::AlertKind::Raid, view->room().name, text);
}

ui::BulkActionDialog *DeskController::openBulk(const QString &roomKey,
                                               const moderation::BulkFilter &prepared,
                                               bool suggestShieldMode)
{
    if (!m_window)
        return nullptr;
    const QString self = m_backend->moderatorId();
    auto planner = [this, roomKey, self](const moderation::BulkFilter &filter) {
        return moderation::BulkPlanner::plan(stateFor(roomKey), filter, m_clock->now(), self,
                                             m_folder);
    };
    auto *dialog = new ui::BulkActionDialog(roomKey, planner, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ui::BulkActionDialog::confirmed, this,
            [this, roomKey](const QList<model::ModerationAction> &actions, bool shield) {
                onBulkConfirmed(roomKey, actions, shield);
            });
    if (!prepared.isEmpty())
        dialog->prepare(prepared, suggestShieldMode);
    dialog->open();
    return dialog;
}

void DeskController::onBulkConfirmed(const QString &roomKey,
                                     const QList<model::ModerationAction> &actions,
                                     bool shieldModeOn)
{
    if (shieldModeOn) {
        model::ModerationAction shield;
        shield.kind = model::ModerationActionKind::SetShieldMode;
        shield.roomKey = roomKey;
        shield.active = true;
        m_dispatcher->dispatch(shield); // interactive: goes ahead of the bulk
    }
    m_dispatcher->dispatchBulk(actions);
    if (m_window)
        m_window->setStatusText(tr("%n action(s) queued, paced at the platform's rate limit.",
                                   nullptr, int(actions.size())));
}

} // namespace roomwarden::app
