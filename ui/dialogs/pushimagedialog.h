#pragma once

#include "upload/compress.h"

#include <QDialog>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QListWidget;

namespace Berth {

// Push Image: which image to push when the source holds several (`images`, as imageNames()
// gives them: a list shown only then, the first chosen), the tag it goes under (pre-filled
// with the chosen image's own tag, until the user edits it) and how a docker archive's
// uncompressed layers go up (gzip as podman pushes them, zstd, or as they are; OCI sources
// and compressed layers stay as they are). Push is enabled while the tag is valid.
//
// Object names, for tests: "imageList", "tagEdit", "compressionCombo", "buttons".
class PushImageDialog : public QDialog
{
    Q_OBJECT
public:
    PushImageDialog(const QString &what,
                    const QString &repository,
                    const QStringList &images,
                    LayerCompression compression,
                    QWidget *parent = nullptr);

    // The chosen image's name; empty when the source holds only one.
    QString image() const;
    QString tag() const;
    LayerCompression compression() const;

    QListWidget *imageList() const { return m_images; }
    QLineEdit *tagEdit() const { return m_tag; }
    QComboBox *compressionCombo() const { return m_compression; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void imageChosen();
    void validate();

    QListWidget *m_images;
    QLineEdit *m_tag;
    QComboBox *m_compression;
    QDialogButtonBox *m_buttons;
};

} // namespace Berth
