#pragma once

#include <QCoreApplication>

namespace Berth {

// The translation context of the clean-up core's messages (plan reasons, outcomes).
struct CleanupTr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Cleanup)
};

} // namespace Berth
