#pragma once
#include "core/live/AlertRules.h"
#include "core/live/RoomState.h"
#include "core/model/AuditEntry.h"
#include "core/model/RoomEvent.h"
#include "core/moderation/ActionJournal.h"
#include "core/moderation/BulkPlanner.h"
#include "core/moderation/RaidDetector.h"
#include "core/moderation/TextFold.h"

#include "ui/AlertPlayer.h" // complete: held in a QPointer
#include <QHash>

#include <QObject>
#include <QPointer>

#include <memory>

namespace roomwarden::util {
class Clock;
}
namespace roomwarden::net {
class ApiClient;
}
namespace roomwarden::moderation {
class ActionDispatcher;
}
namespace roomwarden::twitch {
class HelixClient;
class TwitchModerationBackend;
struct RoomSnapshot;
} // namespace roomwarden::twitch
namespace roomwarden::ui {
class MainWindow;
class RoomView;
class BulkActionDialog;
} // namespace roomwarden::ui

namespace roomwarden::app {

// The moderation desk's wiring (app/ is where the client and the widgets meet): every action a
// room view asks for goes through one ActionDispatcher (ScopeGuard → journal → paced call →
// journal → feedback); the audit log shows this user's journaled actions and every moderator's
// actions the platform reports; the room state feeds the bulk planner; raid alerts offer their
// prepared response (shield mode + a previewed bulk ban).
class DeskController : public QObject
{
    Q_OBJECT
public:
    DeskController(ui::MainWindow *window, twitch::HelixClient *helix, net::ApiClient *api,
                   std::unique_ptr<moderation::ActionJournal> journal, const util::Clock *clock,
                   QObject *parent = nullptr);
    ~DeskController() override;

    void attachRoom(ui::RoomView *view);
    // Alerts (sound and/or notification, as routed) for AutoMod holds, unban requests,
    // mentions of `mentionNames`, and raids. Not owned; may be null.
    void setAlerts(ui::AlertPlayer *player, const QStringList &mentionNames);
    void observe(const model::RoomEvent &event);
    void applySnapshot(const twitch::RoomSnapshot &snapshot);
    void showRaid(const moderation::RaidDetector::Alert &alert);
    // Opens the bulk dialog for a room, optionally pre-filled (a raid's prepared response).
    ui::BulkActionDialog *openBulk(const QString &roomKey, const moderation::BulkFilter &prepared,
                                   bool suggestShieldMode);

    moderation::ActionDispatcher *dispatcher() const { return m_dispatcher.get(); }
    moderation::ActionJournal *journal() const { return m_journal.get(); }
    const live::RoomState *roomState(const QString &roomKey) const;

    // A platform-reported moderation event as an audit line.
    static model::AuditEntry platformEntry(const model::RoomEvent &event);

private:
    live::RoomState &stateFor(const QString &roomKey);
    void onFinished(const model::AuditEntry &entry);
    void onBulkConfirmed(const QString &roomKey, const QList<model::ModerationAction> &actions,
                         bool shieldModeOn);

    QPointer<ui::MainWindow> m_window;
    twitch::HelixClient *m_helix;
    std::unique_ptr<moderation::ActionJournal> m_journal;
    std::unique_ptr<twitch::TwitchModerationBackend> m_backend;
    std::unique_ptr<moderation::ActionDispatcher> m_dispatcher;
    const util::Clock *m_clock;
    moderation::TextFolder m_folder;
    std::map<QString, std::unique_ptr<live::RoomState>> m_rooms;
    QHash<QString, moderation::RaidDetector::Alert> m_lastAlert;
    QList<model::AuditEntry> m_platformEntries; // this session's, for user cards
    QPointer<ui::AlertPlayer> m_alerts;
    live::AlertClassifier m_classifier;
};

} // namespace roomwarden::app
