#pragma once
#include "core/model/Role.h"

#include <QDateTime>
#include <QString>

namespace roomwarden::model {

// A person as seen in one room. `displayName` and `login` are user-supplied text: views render
// them as plain text, always.
struct Participant
{
    QString userId;
    QString login;
    QString displayName;
    Roles roles;
    QDateTime firstSeen;
    QDateTime lastSeen;

    // What to show: the display name, else the login, else the id.
    QString shownName() const;
    bool isValid() const { return !userId.isEmpty(); }

    friend bool operator==(const Participant &, const Participant &) = default;
};

} // namespace roomwarden::model
