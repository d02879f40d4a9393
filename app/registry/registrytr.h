#pragma once

#include <QCoreApplication>

namespace Berth {

// The translation context of the registry client's messages.
struct RegistryTr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Registry)
};

} // namespace Berth
