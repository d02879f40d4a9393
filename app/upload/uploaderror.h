#pragma once

#include "core/registryerror.h"

namespace Berth {

// A refused write (ErrorKind::Permission or Locked: DENIED, 403, ACR's 405 for a locked
// repository or tag) explained: the repository may be locked (writeEnabled=false). Other
// errors pass through unchanged.
RegistryError explainWriteRefusal(RegistryError error, const QString &repo);

} // namespace Berth
