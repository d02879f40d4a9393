// libFuzzer harness: parseManifest on arbitrary bodies, with and without a Content-Type.

#include "core/manifest.h"
#include "core/mediatypes.h"
#include "core/reference.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

namespace {

void checkDescriptor(const Berth::Descriptor &d)
{
    FUZZ_CHECK(Berth::isValidDigest(d.digest));
    FUZZ_CHECK(d.size >= 0);
}

void check(const Berth::Result<Berth::Manifest> &result)
{
    if (!result) {
        FUZZ_CHECK(result.error().code == Berth::ErrorCode::InvalidResponse
                   || result.error().code == Berth::ErrorCode::Unsupported);
        FUZZ_CHECK(!result.error().message.isEmpty());
        return;
    }
    const Berth::Manifest &m = *result;
    FUZZ_CHECK(m.schemaVersion == 2);
    if (m.kind == Berth::Manifest::Kind::Image) {
        checkDescriptor(m.config);
        for (const Berth::Descriptor &d : m.layers)
            checkDescriptor(d);
        FUZZ_CHECK(m.manifests.isEmpty());
    } else {
        for (const Berth::Descriptor &d : m.manifests)
            checkDescriptor(d);
        FUZZ_CHECK(m.layers.isEmpty());
    }
    if (m.subject)
        checkDescriptor(*m.subject);
    FUZZ_CHECK(m.totalSize() >= 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    check(Berth::parseManifest(body, QString()));
    check(Berth::parseManifest(body, Berth::MediaType::OciIndex));
    check(Berth::parseManifest(body, QStringLiteral("application/json; charset=utf-8")));
    return 0;
}
