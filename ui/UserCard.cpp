#include "ui/UserCard.h"

#include "ui/DeskText.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace roomwarden::ui {

using model::ModerationActionKind;

namespace {
QListWidgetItem *messageItem(const model::RoomEvent &e)
{
    // QListWidgetItem text is never interpreted as markup.
    auto *item = new QListWidgetItem(
        e.occurredAt.toLocalTime().toString(QStringLiteral("HH:mm:ss ")) + e.text);
    item->setData(Qt::UserRole, e.messageId);
    return item;
}
} // namespace

UserCard::UserCard(const QString &roomKey, const QString &userId, const QString &userName,
                   QWidget *parent)
    : QDialog(parent), m_roomKey(roomKey), m_userId(userId), m_userName(userName),
      m_name(new QLabel(this)), m_id(new QLabel(this)), m_messages(new QListWidget(this)),
      m_history(new QListWidget(this)), m_notes(new QPlainTextEdit(this)),
      m_notesTimer(new QTimer(this)), m_duration(new QComboBox(this)),
      m_reason(new QLineEdit(this)), m_timeout(new QPushButton(tr("Time out"), this)),
      m_ban(new QPushButton(tr("Ban"), this)), m_warn(new QPushButton(tr("Warn"), this)),
      m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("userCard"));
    setModal(false);
    setWindowTitle(tr("User: %1").arg(userName.isEmpty() ? userId : userName));
    m_name->setObjectName(QStringLiteral("userCardName"));
    m_id->setObjectName(QStringLiteral("userCardId"));
    m_error->setObjectName(QStringLiteral("userCardError"));
    for (QLabel *l : {m_name, m_id, m_error}) {
        l->setTextFormat(Qt::PlainText);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_name->setText(userName);
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_id->setText(tr("User id: %1").arg(userId));
    m_error->hide();

    m_messages->setObjectName(QStringLiteral("userMessages"));
    m_messages->setAccessibleName(tr("Messages in this room, newest first"));
    m_messages->setUniformItemSizes(true);
    m_history->setObjectName(QStringLiteral("userHistory"));
    m_history->setAccessibleName(tr("Moderation history"));
    m_notes->setObjectName(QStringLiteral("userNotes"));
    m_notes->setAccessibleName(tr("Private notes"));
    m_notes->setPlaceholderText(tr("Private notes, kept on this computer only"));
    m_notes->setTabChangesFocus(true);
    m_notesTimer->setSingleShot(true);
    m_notesTimer->setInterval(kNotesDebounceMs);
    connect(m_notes, &QPlainTextEdit::textChanged, m_notesTimer, qOverload<>(&QTimer::start));
    connect(m_notesTimer, &QTimer::timeout, this, &UserCard::flushNotes);

    m_duration->setObjectName(QStringLiteral("userCardDuration"));
    m_duration->setAccessibleName(tr("Timeout length"));
    for (qint64 seconds : timeoutPresets())
        m_duration->addItem(durationText(seconds), seconds);
    m_duration->setCurrentIndex(1);
    m_reason->setObjectName(QStringLiteral("userCardReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Reason (needed for a warning)"));
    m_reason->setMaxLength(static_cast<int>(model::ModerationAction::kMaxReasonLength));
    m_timeout->setObjectName(QStringLiteral("userCardTimeout"));
    m_ban->setObjectName(QStringLiteral("userCardBan"));
    m_warn->setObjectName(QStringLiteral("userCardWarn"));
    connect(m_timeout, &QPushButton::clicked, this,
            [this] { request(ModerationActionKind::Timeout); });
    connect(m_ban, &QPushButton::clicked, this, [this] { request(ModerationActionKind::Ban); });
    connect(m_warn, &QPushButton::clicked, this, [this] { request(ModerationActionKind::Warn); });

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_duration);
    actions->addWidget(m_timeout);
    actions->addWidget(m_ban);
    actions->addWidget(m_warn);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addWidget(m_id);
    layout->addWidget(m_messages, 2);
    layout->addWidget(m_history, 1);
    layout->addWidget(m_notes, 1);
    layout->addWidget(m_reason);
    layout->addLayout(actions);
    layout->addWidget(m_error);
    resize(420, 560);
}

void UserCard::setMessages(const QList<model::RoomEvent> &oldestFirst)
{
    m_messages->clear();
    const qsizetype first = std::max<qsizetype>(0, oldestFirst.size() - kMaxMessages);
    for (qsizetype i = oldestFirst.size() - 1; i >= first; --i) {
        if (oldestFirst.at(i).actorId == m_userId)
            m_messages->addItem(messageItem(oldestFirst.at(i)));
    }
}

void UserCard::addMessages(const QList<model::RoomEvent> &events)
{
    for (const model::RoomEvent &e : events) {
        if (e.kind == model::RoomEventKind::ChatMessage && e.actorId == m_userId)
            m_messages->insertItem(0, messageItem(e));
    }
    while (m_messages->count() > kMaxMessages)
        delete m_messages->takeItem(m_messages->count() - 1);
}

int UserCard::messageCount() const
{
    return m_messages->count();
}

void UserCard::setHistory(const QList<model::AuditEntry> &entries)
{
    QList<model::AuditEntry> sorted = entries;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.at > b.at; });
    m_history->clear();
    for (const model::AuditEntry &e : std::as_const(sorted))
        m_history->addItem(historyLine(e));
}

int UserCard::historyCount() const
{
    return m_history->count();
}

void UserCard::setNotes(const QString &text)
{
    m_savedNotes = text;
    m_notes->setPlainText(text);
    m_notesTimer->stop();
}

QString UserCard::notes() const
{
    return m_notes->toPlainText();
}

void UserCard::flushNotes()
{
    m_notesTimer->stop();
    const QString text = notes();
    if (text == m_savedNotes)
        return;
    m_savedNotes = text;
    Q_EMIT notesChanged(m_userId, text);
}

void UserCard::hideEvent(QHideEvent *event)
{
    flushNotes();
    QDialog::hideEvent(event);
}

void UserCard::setPermissionCheck(PermissionCheck check)
{
    m_check = std::move(check);
    refreshPermissions();
}

void UserCard::refreshPermissions()
{
    const std::pair<QPushButton *, ModerationActionKind> buttons[] = {
        {m_timeout, ModerationActionKind::Timeout},
        {m_ban, ModerationActionKind::Ban},
        {m_warn, ModerationActionKind::Warn}};
    for (const auto &[button, kind] : buttons) {
        const std::optional<QString> why = m_check ? m_check(kind) : std::nullopt;
        button->setEnabled(!why);
        button->setToolTip(why.value_or(QString()));
    }
}

QString UserCard::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void UserCard::request(ModerationActionKind kind)
{
    model::ModerationAction action;
    action.kind = kind;
    action.roomKey = m_roomKey;
    action.targetUserId = m_userId;
    action.targetName = m_userName;
    action.reason = m_reason->text().trimmed();
    if (kind == ModerationActionKind::Timeout)
        action.durationSeconds = m_duration->currentData().toLongLong();
    std::optional<QString> why = action.validationError();
    if (!why && m_check)
        why = m_check(kind);
    if (why) {
        m_error->setText(*why);
        m_error->setAccessibleName(*why);
        m_error->show();
        return;
    }
    m_error->hide();
    m_reason->clear();
    Q_EMIT actionRequested(action);
}

} // namespace roomwarden::ui
