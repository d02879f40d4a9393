// libFuzzer harness: parseChallenges on arbitrary WWW-Authenticate values.

#include "auth/challenge.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray header
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<Berth::AuthChallenge> challenges = Berth::parseChallenges(header);
    for (const Berth::AuthChallenge &c : challenges) {
        FUZZ_CHECK(!c.scheme.isEmpty());
        FUZZ_CHECK(c.scheme == c.scheme.toLower());
        FUZZ_CHECK(c.token68.isEmpty() || c.params.isEmpty());
        for (auto it = c.params.cbegin(); it != c.params.cend(); ++it)
            FUZZ_CHECK(!it.key().isEmpty() && it.key() == it.key().toLower());
    }
    return 0;
}
