#include "credentials/credentialslog.h"

namespace Berth {
Q_LOGGING_CATEGORY(lcCredentials, "berth.credentials", QtWarningMsg)
} // namespace Berth
