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
inline RegistryError writeError(const QString &path, const QString &why)
{
    return RegistryError::make(ErrorCode::Io, TransferTr::tr("Cannot write %1: %2").arg(path, why));
}

} // namespace Berth
