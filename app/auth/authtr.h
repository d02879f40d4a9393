#pragma once

#include <QCoreApplication>

namespace Berth {

// The translation context of the authenticator's messages.
struct AuthTr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Auth)
};

} // namespace Berth
