#include "ui/RoomView.h"

#include "core/live/EventText.h"
#include "ui/AnnouncementPanel.h"
#include "ui/BlockedTermsPanel.h"
#include "ui/ChatModel.h"
#include "ui/ChatModesPanel.h"
#include "ui/DeskText.h"
#include "ui/HeldQueuePanel.h"
#include "ui/ReasonDialog.h"
#include "ui/UnbanQueuePanel.h"
#include "ui/UserCard.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

namespace roomwarden::ui {

using model::ModerationActionKind;
using model::RoomEventKind;

RoomView::RoomView(const model::Room &room, QWidget *parent)
    : QWidget(parent), m_room(room), m_chat(new ChatModel(ChatModel::kDefaultCapacity, this)),
      m_title(new QLabel(this)), m_state(new QLabel(this)), m_counters(new QLabel(this)),
      m_status(new QLabel(this)), m_chatView(new QListView(this)), m_side(new QTabWidget(this)),
      m_events(new QListWidget(this)), m_held(new HeldQueuePanel(room.key(), this)),
      m_unban(new UnbanQueuePanel(room.key(), this)), m_modes(new ChatModesPanel(room.key(), this)),
      m_terms(new BlockedTermsPanel(room.key(), this)),
      m_announce(new AnnouncementPanel(room.key(), this))
{
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &RoomView::flush);
    setObjectName(QStringLiteral("room.") + room.key());
    m_title->setObjectName(QStringLiteral("room.title"));
    m_state->setObjectName(QStringLiteral("room.state"));
    m_counters->setObjectName(QStringLiteral("room.counters"));
    m_status->setObjectName(QStringLiteral("room.outcome"));
    m_chatView->setObjectName(QStringLiteral("room.chat"));
    m_side->setObjectName(QStringLiteral("room.side"));
    m_events->setObjectName(QStringLiteral("room.events"));
    for (QLabel *l : {m_title, m_state, m_counters, m_status})
        l->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Last action"));
    m_title->setText(room.displayName.isEmpty() ? room.name : room.displayName);
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);

    // Uniform rows let the view skip measuring every line: smooth at thousands of lines/s.
    // The standard delegate draws DisplayRole as plain text; no per-row widgets.
    m_chatView->setModel(m_chat);
    m_chatView->setUniformItemSizes(true);
    m_chatView->setWordWrap(false);
    m_chatView->setAccessibleName(tr("Chat"));
    m_chatView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_chatView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_chatView, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_chatView->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu *menu = contextMenuFor(index);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_chatView->viewport()->mapToGlobal(pos));
    });
    m_events->setAccessibleName(tr("Room events"));
    m_events->setUniformItemSizes(true);

    m_side->addTab(m_events, tr("Events"));
    m_side->addTab(m_held, QString());
    m_side->addTab(m_unban, QString());
    m_side->addTab(m_modes, tr("Chat modes"));
    m_side->addTab(m_terms, tr("Blocked terms"));
    m_side->addTab(m_announce, tr("Announce"));
    for (DeskPanel *panel :
         std::initializer_list<DeskPanel *>{m_held, m_unban, m_modes, m_terms, m_announce})
        connect(panel, &DeskPanel::actionRequested, this, &RoomView::dispatch);
    connect(m_held, &HeldQueuePanel::countChanged, this, &RoomView::updateSideTabs);
    connect(m_unban, &UnbanQueuePanel::countChanged, this, &RoomView::updateSideTabs);
    updateSideTabs();

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_state);
    header->addStretch(1);
    header->addWidget(m_counters);

    auto *split = new QSplitter(this);
    split->setObjectName(QStringLiteral("room.split"));
    split->addWidget(m_chatView);
    split->addWidget(m_side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *bulk = new QPushButton(tr("Bulk action…"), this);
    bulk->setObjectName(QStringLiteral("bulkButton"));
    bulk->setToolTip(tr("Ban or time out everyone who matches a filter, after a preview"));
    connect(bulk, &QPushButton::clicked, this, &RoomView::bulkRequested);
    header->addWidget(bulk);

    // A raid alert stays visible until the next one; plain text like everything else.
    m_raidAlert = new QLabel(this);
    m_raidAlert->setObjectName(QStringLiteral("room.raidAlert"));
    m_raidAlert->setTextFormat(Qt::PlainText);
    m_raidAlert->setWordWrap(true);
    m_raidResponse = new QPushButton(tr("Prepare response…"), this);
    m_raidResponse->setObjectName(QStringLiteral("raidResponseButton"));
    connect(m_raidResponse, &QPushButton::clicked, this, &RoomView::raidResponseRequested);
    auto *alertRow = new QHBoxLayout;
    alertRow->addWidget(m_raidAlert, 1);
    alertRow->addWidget(m_raidResponse);
    m_raidAlert->hide();
    m_raidResponse->hide();

    m_undo = new QPushButton(tr("Undo"), this);
    m_undo->setObjectName(QStringLiteral("undoButton"));
    m_undo->hide();
    connect(m_undo, &QPushButton::clicked, this, [this] {
        m_undo->hide();
        if (!m_undoIntent.isEmpty())
            Q_EMIT undoRequested(std::exchange(m_undoIntent, QString()));
    });
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_undo);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(alertRow);
    layout->addWidget(split, 1);
    layout->addLayout(statusRow);
    buildShortcuts();
    setConnectionState(tr("Connecting…"));
    updateCounters();
}

RoomView::~RoomView() = default;

void RoomView::buildShortcuts()
{
    // Shortcuts act on the selected chat row while the chat has the focus (J / K: anywhere in
    // the room view; text fields take their own keys first). They
    // stay enabled when the action is refused so that pressing one can say why in the status
    // line instead of doing nothing silently.
    auto add = [this](const QString &name, const QString &text, const QKeySequence &keys,
                      std::optional<ModerationActionKind> kind, const std::function<void()> &go) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, go);
        // J / K also work from inside the held queue, where they move the focus.
        if (name.endsWith(QStringLiteral("Held")))
            addAction(a);
        else
            m_chatView->addAction(a);
        if (kind)
            m_shortcutKinds.append({a, *kind});
        return a;
    };
    using K = ModerationActionKind;
    add(QStringLiteral("shortcut.delete"), tr("Delete message"), QKeySequence(Qt::Key_Delete),
        K::DeleteMessage, [this] {
            shortcut(K::DeleteMessage,
                     [this](const ChatRow &r) { requestFor(r, K::DeleteMessage); });
        });
    add(QStringLiteral("shortcut.timeout600"), tr("Time out for 10 minutes"),
        QKeySequence(Qt::Key_T), K::Timeout, [this] {
            shortcut(K::Timeout, [this](const ChatRow &r) { requestFor(r, K::Timeout, 600); });
        });
    add(QStringLiteral("shortcut.timeout60"), tr("Time out for 1 minute"),
        QKeySequence(Qt::SHIFT | Qt::Key_T), K::Timeout, [this] {
            shortcut(K::Timeout, [this](const ChatRow &r) { requestFor(r, K::Timeout, 60); });
        });
    add(QStringLiteral("shortcut.ban"), tr("Ban…"), QKeySequence(Qt::Key_B), K::Ban,
        [this] { shortcut(K::Ban, [this](const ChatRow &r) { askReason(r, K::Ban); }); });
    add(QStringLiteral("shortcut.warn"), tr("Warn…"), QKeySequence(Qt::Key_W), K::Warn,
        [this] { shortcut(K::Warn, [this](const ChatRow &r) { askReason(r, K::Warn); }); });
    add(QStringLiteral("shortcut.userCard"), tr("User card…"), QKeySequence(Qt::Key_U),
        std::nullopt, [this] {
            const ChatRow r = selectedRow();
            if (r.isValid())
                openUserCard(r.userId, r.userName);
            else
                setStatus(tr("Select a message first."));
        });
    add(QStringLiteral("shortcut.nextHeld"), tr("Next held message"), QKeySequence(Qt::Key_J),
        std::nullopt, [this] {
            m_side->setCurrentWidget(m_held);
            m_held->selectNext();
        });
    add(QStringLiteral("shortcut.previousHeld"), tr("Previous held message"),
        QKeySequence(Qt::Key_K), std::nullopt, [this] {
            m_side->setCurrentWidget(m_held);
            m_held->selectPrevious();
        });
}

void RoomView::setConnectionState(const QString &text)
{
    m_state->setText(text);
}

int RoomView::eventLineCount() const
{
    return m_events->count();
}

QList<qint64> RoomView::timeoutPresets()
{
    return ui::timeoutPresets();
}

int RoomView::heldCount() const
{
    return m_held->count();
}

void RoomView::setChatModes(const model::ChatModes &modes)
{
    m_modes->setChatModes(modes);
}

void RoomView::setShieldMode(bool active)
{
    m_modes->setShieldMode(active);
}

void RoomView::setBlockedTerms(const QList<QPair<QString, QString>> &terms)
{
    m_terms->setBlockedTerms(terms);
}

void RoomView::applyEvents(const QList<model::RoomEvent> &events)
{
    m_chat->apply(events);
    m_held->apply(events);
    m_unban->apply(events);
    for (const QPointer<QWidget> &card : std::as_const(m_cards)) {
        if (card)
            static_cast<UserCard *>(card.data())->addMessages(events);
    }
    const bool atBottom =
        m_events->count() == 0 || m_events->currentRow() < 0; // the user isn't reading back
    for (const model::RoomEvent &e : events) {
        if (e.kind == RoomEventKind::ChatMessage || e.kind == RoomEventKind::ParticipantJoined ||
            e.kind == RoomEventKind::ParticipantLeft || e.kind == RoomEventKind::ViewerCountSample)
            continue;
        if (model::isModerationEvent(e.kind))
            ++m_moderationCount;
        if (e.kind == RoomEventKind::Gap)
            ++m_gapCount;
        if (e.kind == RoomEventKind::ShieldModeChanged && e.count)
            m_modes->setShieldMode(*e.count != 0);
        // QListWidgetItem text is never interpreted as markup.
        m_events->addItem(e.occurredAt.toLocalTime().toString(QStringLiteral("HH:mm:ss ")) +
                          live::describeEvent(e));
    }
    while (m_events->count() > kMaxEventLines)
        delete m_events->takeItem(0);
    if (atBottom)
        m_events->scrollToBottom();
    m_chatView->scrollToBottom();
    updateCounters();
}

void RoomView::queueEvent(const model::RoomEvent &event)
{
    m_queue.append(event);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void RoomView::flush()
{
    const QList<model::RoomEvent> batch = std::exchange(m_queue, {});
    applyEvents(batch);
}

void RoomView::updateCounters()
{
    m_counters->setText(tr("%1 messages · %2 moderation events · %3 gaps")
                            .arg(m_chat->totalSeen())
                            .arg(m_moderationCount)
                            .arg(m_gapCount));
}

void RoomView::updateSideTabs()
{
    m_side->setTabText(m_side->indexOf(m_held), tr("Held (%1)").arg(m_held->count()));
    m_side->setTabText(m_side->indexOf(m_unban), tr("Unban requests (%1)").arg(m_unban->count()));
}

// --- actions ---

void RoomView::setPermissionCheck(PermissionCheck check)
{
    m_check = std::move(check);
    for (DeskPanel *panel :
         std::initializer_list<DeskPanel *>{m_held, m_unban, m_modes, m_terms, m_announce})
        panel->setPermissionCheck(m_check);
    for (const QPointer<QWidget> &card : std::as_const(m_cards)) {
        if (card)
            static_cast<UserCard *>(card.data())->setPermissionCheck(m_check);
    }
    for (const auto &[action, kind] : std::as_const(m_shortcutKinds))
        action->setToolTip(refusal(kind).value_or(action->text()));
}

std::optional<QString> RoomView::refusal(ModerationActionKind kind) const
{
    return m_check ? m_check(kind) : std::nullopt;
}

RoomView::ChatRow RoomView::rowAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    return {index.data(ChatModel::MessageIdRole).toString(),
            index.data(ChatModel::AuthorIdRole).toString(),
            index.data(ChatModel::AuthorRole).toString()};
}

RoomView::ChatRow RoomView::selectedRow() const
{
    return rowAt(m_chatView->currentIndex());
}

void RoomView::shortcut(ModerationActionKind kind, const std::function<void(const ChatRow &)> &go)
{
    if (const std::optional<QString> why = refusal(kind)) {
        setStatus(tr("Not sent: %1").arg(*why));
        return;
    }
    const ChatRow row = selectedRow();
    if (!row.isValid()) {
        setStatus(tr("Select a message first."));
        return;
    }
    go(row);
}

QMenu *RoomView::contextMenuFor(const QModelIndex &index)
{
    const ChatRow row = rowAt(index);
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("chatContextMenu"));
    menu->setToolTipsVisible(true);
    // "text\tkeys": QMenu shows what follows the tab as the entry's shortcut.
    auto entry = [&](const QString &name, const QString &text, const QKeySequence &keys,
                     std::optional<ModerationActionKind> kind, const std::function<void()> &go) {
        QAction *a = menu->addAction(
            keys.isEmpty() ? text : text + u'\t' + keys.toString(QKeySequence::NativeText));
        a->setObjectName(name);
        if (const std::optional<QString> why = kind ? refusal(*kind) : std::nullopt) {
            a->setEnabled(false);
            a->setToolTip(*why);
        }
        connect(a, &QAction::triggered, this, go);
        return a;
    };
    using K = ModerationActionKind;
    entry(QStringLiteral("actionDelete"), tr("Delete message"), QKeySequence(Qt::Key_Delete),
          K::DeleteMessage, [this, row] { requestFor(row, K::DeleteMessage); });
    QMenu *timeouts = menu->addMenu(tr("Time out"));
    timeouts->setObjectName(QStringLiteral("timeoutMenu"));
    timeouts->setToolTipsVisible(true);
    for (qint64 seconds : timeoutPresets()) {
        const QKeySequence keys = seconds == 600  ? QKeySequence(Qt::Key_T)
                                  : seconds == 60 ? QKeySequence(Qt::SHIFT | Qt::Key_T)
                                                  : QKeySequence();
        QAction *a = entry(QStringLiteral("actionTimeout%1").arg(seconds),
                           tr("Time out for %1").arg(durationText(seconds)), keys, K::Timeout,
                           [this, row, seconds] { requestFor(row, K::Timeout, seconds); });
        // Move it from the top level into the submenu (entry() adds to the top level).
        menu->removeAction(a);
        timeouts->addAction(a);
    }
    if (const std::optional<QString> why = refusal(K::Timeout)) {
        timeouts->setEnabled(false);
        timeouts->menuAction()->setToolTip(*why);
    }
    entry(QStringLiteral("actionBan"), tr("Ban…"), QKeySequence(Qt::Key_B), K::Ban,
          [this, row] { askReason(row, K::Ban); });
    entry(QStringLiteral("actionWarn"), tr("Warn…"), QKeySequence(Qt::Key_W), K::Warn,
          [this, row] { askReason(row, K::Warn); });
    menu->addSeparator();
    entry(QStringLiteral("actionUserCard"), tr("User card…"), QKeySequence(Qt::Key_U), std::nullopt,
          [this, row] { openUserCard(row.userId, row.userName); });
    entry(QStringLiteral("actionCopyName"), tr("Copy name"), {}, std::nullopt,
          [row] { QGuiApplication::clipboard()->setText(row.userName); });
    return menu;
}

void RoomView::requestFor(const ChatRow &row, ModerationActionKind kind,
                          std::optional<qint64> durationSeconds)
{
    model::ModerationAction action;
    action.kind = kind;
    action.roomKey = m_room.key();
    action.targetUserId = row.userId;
    action.targetName = row.userName;
    if (kind == ModerationActionKind::DeleteMessage)
        action.messageId = row.messageId;
    action.durationSeconds = durationSeconds;
    std::optional<QString> why = action.validationError();
    if (!why)
        why = refusal(kind);
    if (why) {
        setStatus(tr("Not sent: %1").arg(*why));
        return;
    }
    dispatch(action);
}

void RoomView::askReason(const ChatRow &row, ModerationActionKind kind)
{
    const bool ban = kind == ModerationActionKind::Ban;
    auto *dialog = new ReasonDialog(
        ban ? QStringLiteral("banDialog") : QStringLiteral("warnDialog"),
        ban ? tr("Ban %1").arg(row.userName) : tr("Warn %1").arg(row.userName),
        ban ? tr("Ban %1 from this room. Reason (optional, up to 500 characters):")
                  .arg(row.userName)
            : tr("Warn %1. They must acknowledge the warning before chatting again. Reason "
                 "(required, up to 500 characters):")
                  .arg(row.userName),
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReasonDialog::submitted, this,
            [this, dialog, row, kind](const QString &reason) {
                model::ModerationAction action;
                action.kind = kind;
                action.roomKey = m_room.key();
                action.targetUserId = row.userId;
                action.targetName = row.userName;
                action.reason = reason;
                std::optional<QString> why = action.validationError();
                if (!why)
                    why = refusal(kind);
                if (why) {
                    dialog->showError(*why);
                    return;
                }
                dialog->accept();
                dispatch(action);
            });
    dialog->open();
}

void RoomView::dispatch(model::ModerationAction action)
{
    action.roomKey = m_room.key();
    action.intentId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    action.requestedAt = QDateTime::currentDateTimeUtc();
    action.outcome = model::ActionOutcome::Pending;
    Q_EMIT actionRequested(action);
}

void RoomView::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setAccessibleName(text);
}

QString RoomView::statusText() const
{
    return m_status->text();
}

void RoomView::showOutcome(const model::AuditEntry &entry)
{
    setStatus(outcomeSentence(entry));
    // Only an applied ban or timeout of this session can be undone (ActionDispatcher::undoFor
    // has the last word: it refuses when a later ban replaced a timeout).
    const bool undoable = entry.outcome == model::ActionOutcome::Applied &&
                          !entry.intentId.isEmpty() &&
                          (entry.action == model::actionKindId(ModerationActionKind::Ban) ||
                           entry.action == model::actionKindId(ModerationActionKind::Timeout));
    m_undoIntent = undoable ? entry.intentId : QString();
    m_undo->setVisible(undoable);
    m_undo->setAccessibleName(undoable ? tr("Undo: %1").arg(outcomeSentence(entry)) : QString());
}

void RoomView::showRaidAlert(const QString &text, bool hostile)
{
    m_raidAlert->setText(text);
    m_raidAlert->setAccessibleName(text);
    m_raidAlert->setStyleSheet(hostile ? QStringLiteral("color: palette(bright-text); "
                                                        "background: #b3261e; padding: 4px;")
                                       : QStringLiteral("padding: 4px;"));
    m_raidAlert->show();
    m_raidResponse->setVisible(hostile);
}

QString RoomView::raidAlertText() const
{
    return m_raidAlert->isVisible() ? m_raidAlert->text() : QString();
}

// --- user cards ---

UserCard *RoomView::userCard(const QString &userId) const
{
    return static_cast<UserCard *>(m_cards.value(userId).data());
}

UserCard *RoomView::openUserCard(const QString &userId, const QString &userName)
{
    if (UserCard *card = userCard(userId)) {
        card->show();
        card->raise();
        card->activateWindow();
        return card;
    }
    auto *card = new UserCard(m_room.key(), userId, userName, this);
    card->setAttribute(Qt::WA_DeleteOnClose);
    card->setMessages(m_chat->messagesBy(userId));
    card->setPermissionCheck(m_check);
    connect(card, &UserCard::actionRequested, this, &RoomView::dispatch);
    // Closed cards delete themselves; their QPointers turn null and are dropped here.
    m_cards.removeIf([](const auto &it) { return it.value().isNull(); });
    m_cards.insert(userId, card);
    Q_EMIT userCardOpened(card);
    card->show();
    return card;
}

} // namespace roomwarden::ui
