#pragma once
#include "core/model/ModerationAction.h"
#include "core/moderation/BulkPlanner.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace roomwarden::ui {

// "Ban or time out everyone matching a filter": the moderator sets the filter, looks at the
// preview (exactly who, and who was left out and why), and confirms once. Changing the filter
// after a preview takes the confirmation away until the next preview, so what is confirmed is
// always what was shown. The actions go out paced at the platform's rate limit (the dispatcher).
class BulkActionDialog : public QDialog
{
    Q_OBJECT
public:
    using Planner = std::function<moderation::BulkPlan(const moderation::BulkFilter &)>;

    BulkActionDialog(QString roomKey, Planner planner, QWidget *parent = nullptr);

    // Pre-fills the filter (e.g. the prepared response to a raid alert) and previews it.
    void prepare(const moderation::BulkFilter &filter, bool suggestShieldMode);
    moderation::BulkFilter filter() const;
    const moderation::BulkPlan &plan() const { return m_plan; }
    void preview();

Q_SIGNALS:
    void confirmed(const QList<roomwarden::model::ModerationAction> &actions, bool shieldModeOn);

private:
    void invalidate();
    void confirm();

    QString m_roomKey;
    Planner m_planner;
    moderation::BulkPlan m_plan;
    moderation::BulkFilter m_prepared;
    QSpinBox *m_joinedWithin;
    QLineEdit *m_pattern;
    QCheckBox *m_young;
    QCheckBox *m_firstTime;
    QComboBox *m_action;
    QLineEdit *m_reason;
    QCheckBox *m_shield;
    QListWidget *m_targets;
    QLabel *m_summary;
    QPushButton *m_confirm;
};

} // namespace roomwarden::ui
