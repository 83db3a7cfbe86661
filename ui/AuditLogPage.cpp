#include "ui/AuditLogPage.h"

#include "core/util/Csv.h"
#include "ui/AuditLogFilterModel.h"
#include "ui/AuditLogModel.h"
#include "ui/DeskText.h"
#include "ui/EmptyState.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace roomwarden::ui {

using model::AuditEntry;

AuditLogPage::AuditLogPage(QWidget *parent)
    : QWidget(parent), m_model(new AuditLogModel(this)), m_filter(new AuditLogFilterModel(this)),
      m_stack(new QStackedWidget(this)),
      m_empty(new EmptyState(
          QStringLiteral("area.auditLog"), tr("Nothing in the audit log"),
          tr("Every moderation action you take is journaled here before it is sent and again "
             "when the platform answers."),
          m_stack)),
      m_search(new QLineEdit(this)), m_actionFilter(new QComboBox(this)),
      m_sourceFilter(new QComboBox(this)), m_export(new QPushButton(tr("Export CSV…"), this)),
      m_table(new QTableView(this)), m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("auditLogPage"));
    m_filter->setAuditModel(m_model);

    m_search->setObjectName(QStringLiteral("auditSearch"));
    m_search->setPlaceholderText(tr("Search moderator, user, reason, action"));
    m_search->setAccessibleName(tr("Search the audit log"));
    m_search->setClearButtonEnabled(true);
    for (QToolButton *clear : m_search->findChildren<QToolButton *>())
        clear->setObjectName(QStringLiteral("auditSearch.clear"));
    m_actionFilter->setObjectName(QStringLiteral("auditActionFilter"));
    m_actionFilter->setAccessibleName(tr("Action"));
    m_actionFilter->addItem(tr("All actions"), QString());
    m_sourceFilter->setObjectName(QStringLiteral("auditSourceFilter"));
    m_sourceFilter->setAccessibleName(tr("Moderator"));
    m_sourceFilter->addItem(tr("All moderators"), static_cast<int>(AuditLogFilterModel::Who::All));
    m_sourceFilter->addItem(tr("Mine"), static_cast<int>(AuditLogFilterModel::Who::Mine));
    m_sourceFilter->addItem(tr("Other moderators"),
                            static_cast<int>(AuditLogFilterModel::Who::Others));
    m_export->setObjectName(QStringLiteral("auditExport"));
    m_count->setObjectName(QStringLiteral("auditCount"));
    m_count->setTextFormat(Qt::PlainText);

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit log"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the log may hold tens of thousands of rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setObjectName(QStringLiteral("auditTable.header"));
    m_table->verticalHeader()->setObjectName(QStringLiteral("auditTable.rowHeader"));
    m_table->setCornerButtonEnabled(false);
    for (QAbstractButton *corner : m_table->findChildren<QAbstractButton *>()) {
        if (corner->objectName().isEmpty())
            corner->setObjectName(QStringLiteral("auditTable.corner"));
    }

    connect(m_search, &QLineEdit::textChanged, m_filter, &AuditLogFilterModel::setSearchText);
    connect(m_actionFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setActionFilter(m_actionFilter->currentData().toString()); });
    connect(m_sourceFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setWho(
            static_cast<AuditLogFilterModel::Who>(m_sourceFilter->currentData().toInt()));
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &AuditLogPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &AuditLogPage::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &AuditLogPage::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &AuditLogPage::updateCount);
    connect(m_export, &QPushButton::clicked, this, &AuditLogPage::exportClicked);

    auto *content = new QWidget(m_stack);
    content->setObjectName(QStringLiteral("auditContent"));
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_search, 1);
    tools->addWidget(m_actionFilter);
    tools->addWidget(m_sourceFilter);
    tools->addWidget(m_export);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(tools);
    contentLayout->addWidget(m_table, 1);
    contentLayout->addWidget(m_count);
    m_stack->setObjectName(QStringLiteral("auditStack"));
    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    updateCount();
}

void AuditLogPage::addEntries(const QList<AuditEntry> &entries)
{
    m_model->addEntries(entries);
    noteActions(entries);
    updateCount();
}

void AuditLogPage::updateEntry(const AuditEntry &entry)
{
    if (!m_model->updateEntry(entry))
        addEntries({entry});
}

void AuditLogPage::setOwnModeratorIds(const QSet<QString> &ids)
{
    m_filter->setOwnModeratorIds(ids);
}

void AuditLogPage::noteActions(const QList<AuditEntry> &entries)
{
    // The action filter offers the actions the log holds (ours and the platform's names).
    for (const AuditEntry &e : entries) {
        if (e.action.isEmpty() || m_knownActions.contains(e.action))
            continue;
        m_knownActions.insert(e.action);
        const QString label = actionLabel(e.action);
        int at = 1;
        while (at < m_actionFilter->count() &&
               QString::localeAwareCompare(m_actionFilter->itemText(at), label) < 0)
            ++at;
        m_actionFilter->insertItem(at, label, e.action);
    }
}

int AuditLogPage::visibleRowCount() const
{
    return m_filter->rowCount();
}

void AuditLogPage::updateCount()
{
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
    m_count->setText(tr("%1 of %2 entries").arg(m_filter->rowCount()).arg(m_model->rowCount()));
}

bool AuditLogPage::exportCsv(const QString &path, QString *error) const
{
    QList<QStringList> rows;
    QStringList header;
    for (int c = 0; c < AuditLogModel::ColumnCount; ++c)
        header << m_model->headerData(c, Qt::Horizontal).toString();
    rows << header;
    for (int r = 0; r < m_filter->rowCount(); ++r) {
        const int source = m_filter->mapToSource(m_filter->index(r, 0)).row();
        QStringList row;
        for (int c = 0; c < AuditLogModel::ColumnCount; ++c)
            row << m_model->exportText(source, c);
        rows << row;
    }
    return util::csv::writeFile(path, rows, error);
}

void AuditLogPage::exportClicked()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the audit log"), QDir::home().filePath(QStringLiteral("audit-log.csv")),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error)) {
        QMessageBox box(QMessageBox::Warning, tr("Export failed"),
                        tr("The audit log could not be written: %1").arg(error), QMessageBox::Ok,
                        this);
        box.setObjectName(QStringLiteral("auditExportError"));
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }
}

} // namespace roomwarden::ui
