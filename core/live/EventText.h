#pragma once
#include "core/model/RoomEvent.h"

#include <QString>

namespace roomwarden::live {

// One line of plain text that says what happened, for the room's event list, the headless
// demo and the audit log. User-supplied parts (names, reasons, messages) are quoted as they
// are: the caller shows the line as plain text.
QString describeEvent(const model::RoomEvent &event);

} // namespace roomwarden::live
