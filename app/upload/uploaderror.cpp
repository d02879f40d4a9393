#include "upload/uploaderror.h"

#include "upload/uploadtr.h"

namespace Berth {

RegistryError explainWriteRefusal(RegistryError error, const QString &repo)
{
    if (error.kind() == ErrorKind::Permission || error.kind() == ErrorKind::Locked)
        error.message = UploadTr::tr("The registry refused to write to %1 (is it locked? "
                                     "writeEnabled may be false): %2")
                            .arg(repo, error.message);
    return error;
}

} // namespace Berth
