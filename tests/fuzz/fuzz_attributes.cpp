// libFuzzer harness: every /acr/v1/ and /v2/ body parser on the same arbitrary input.

#include "core/attributes.h"
#include "core/reference.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

namespace {

template<typename T>
bool failedCleanly(const Berth::Result<T> &result)
{
    if (result)
        return false;
    FUZZ_CHECK(result.error().code == Berth::ErrorCode::InvalidResponse);
    FUZZ_CHECK(!result.error().message.isEmpty());
    return true;
}

void checkTag(const Berth::TagInfo &tag)
{
    FUZZ_CHECK(!tag.name.isEmpty());
    FUZZ_CHECK(tag.digest.isEmpty() || Berth::isValidDigest(tag.digest));
}

void checkManifest(const Berth::ManifestInfo &m)
{
    FUZZ_CHECK(Berth::isValidDigest(m.digest));
    FUZZ_CHECK(m.imageSize >= -1);
    for (const Berth::PlatformRef &p : m.references)
        FUZZ_CHECK(p.digest.isEmpty() || Berth::isValidDigest(p.digest));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    failedCleanly(Berth::parseRepositoryPage(body));
    if (const auto page = Berth::parseAcrTagPage(body); !failedCleanly(page)) {
        for (const Berth::TagInfo &tag : page->items)
            checkTag(tag);
    }
    failedCleanly(Berth::parseV2TagList(body));
    if (const auto page = Berth::parseAcrManifestPage(body); !failedCleanly(page)) {
        for (const Berth::ManifestInfo &m : page->items)
            checkManifest(m);
    }
    if (const auto repo = Berth::parseRepositoryAttributes(body); !failedCleanly(repo))
        FUZZ_CHECK(repo->manifestCount >= -1 && repo->tagCount >= -1);
    if (const auto tag = Berth::parseTagAttributes(body); !failedCleanly(tag))
        checkTag(*tag);
    if (const auto m = Berth::parseManifestAttributes(body); !failedCleanly(m))
        checkManifest(*m);
    return 0;
}
