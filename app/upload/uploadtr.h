#pragma once

#include <QCoreApplication>

namespace Berth {

// The translation context of the upload library's messages.
struct UploadTr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Upload)
};

} // namespace Berth
