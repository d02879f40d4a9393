// libFuzzer harness: parseReference on arbitrary text; what parses must print back unchanged.

#include "core/reference.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Berth::Result<Berth::Reference> ref = Berth::parseReference(text);
    if (!ref) {
        FUZZ_CHECK(ref.error().code == Berth::ErrorCode::InvalidArgument);
        return 0;
    }
    FUZZ_CHECK(ref->toString() == text);
    FUZZ_CHECK(Berth::isValidRepositoryName(ref->repository));
    FUZZ_CHECK(!ref->hasTag() || Berth::isValidTag(ref->tag));
    FUZZ_CHECK(!ref->hasDigest() || Berth::isValidDigest(ref->digest));
    return 0;
}
