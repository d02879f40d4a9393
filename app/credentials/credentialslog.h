#pragma once

#include <QLoggingCategory>

namespace Berth {
// "berth.credentials": never logs a secret, only registry keys, accounts and outcomes.
Q_DECLARE_LOGGING_CATEGORY(lcCredentials)
} // namespace Berth
