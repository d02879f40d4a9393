#pragma once

#include "core/registryerror.h"

#include <QCoreApplication>

namespace Berth {

// The translation context of pulls and copies.
struct TransferTr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Transfer)
};

// IO_ERROR "Cannot write <path>: <why>".
RegistryError writeError(const QString &path, const QString &why);

} // namespace Berth
