#pragma once

#include "core/registryerror.h"

#include <expected>

namespace Berth {

// Every operation's outcome: a value, or a RegistryError saying why not.
template<typename T>
using Result = std::expected<T, RegistryError>;

struct Done
{
};

} // namespace Berth
