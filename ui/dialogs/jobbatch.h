#pragma once

// JobBatch moved to the GUI-free core (app/registry/jobbatch.h), where finding the indexes
// that reference a manifest runs its reads through it too.
#include "registry/jobbatch.h"
