#include "upload/uploaderror.h"

#include <QCoreApplication>

namespace Berth {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Upload)
};
} // namespace

RegistryError explainWriteRefusal(RegistryError error, const QString &repo)
{
    if (error.kind() == ErrorKind::Permission || error.kind() == ErrorKind::Locked)
        error.message = Tr::tr("The registry refused to write to %1 (is it locked? "
                               "writeEnabled may be false): %2")
                            .arg(repo, error.message);
    return error;
}

} // namespace Berth
