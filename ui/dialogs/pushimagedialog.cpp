#include "ui/dialogs/pushimagedialog.h"

#include "core/reference.h"
#include "upload/imagesource.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

#include <utility>

namespace Berth {

namespace {
// The order of the combo's entries.
constexpr LayerCompression Compressions[]
    = {LayerCompression::Gzip, LayerCompression::Zstd, LayerCompression::None};

QString suggestedTag(const QString &image)
{
    const QString tag = tagOfImageName(image);
    return tag.isEmpty() || image.startsWith(u"sha256:") ? QStringLiteral("latest") : tag;
}
} // namespace

PushImageDialog::PushImageDialog(const QString &what,
                                 const QString &repository,
                                 const QStringList &images,
                                 LayerCompression compression,
                                 QWidget *parent)
    : QDialog(parent)
    , m_images(new QListWidget(this))
    , m_tag(new QLineEdit(suggestedTag(images.value(0)), this))
    , m_compression(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Push Image"));
    const std::pair<QWidget *, const char *> names[] = {{m_images, "imageList"},
                                                        {m_tag, "tagEdit"},
                                                        {m_compression, "compressionCombo"},
                                                        {m_buttons, "buttons"}};
    for (const auto &[widget, name] : names)
        widget->setObjectName(QLatin1StringView(name));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Push"));
    m_compression->addItems(
        {tr("gzip (as podman pushes them)"), tr("zstd"), tr("none (as they are in the archive)")});
    m_compression->setCurrentIndex(
        int(std::find(std::begin(Compressions), std::end(Compressions), compression)
            - std::begin(Compressions)));
    m_compression->setToolTip(tr("How the uncompressed layers of a docker save archive are "
                                 "sent; other layers are sent as they are."));

    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    form->addRow(intro);
    if (images.size() > 1) {
        intro->setText(
            tr("“%1” holds %n image(s). Push this one to %2:", nullptr, int(images.size()))
                .arg(what, repository));
        m_images->addItems(images);
        m_images->setCurrentRow(0);
        form->addRow(m_images);
        connect(m_images, &QListWidget::currentRowChanged, this, &PushImageDialog::imageChosen);
    } else {
        intro->setText(tr("Push the image “%1” to %2.").arg(what, repository));
        m_images->hide();
    }
    form->addRow(tr("&Tag:"), m_tag);
    form->addRow(tr("&Uncompressed layers:"), m_compression);
    form->addRow(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tag, &QLineEdit::textChanged, this, &PushImageDialog::validate);
    validate();
}

QString PushImageDialog::image() const
{
    return m_images->count() > 1 && m_images->currentItem() ? m_images->currentItem()->text()
                                                            : QString();
}

QString PushImageDialog::tag() const
{
    return m_tag->text().trimmed();
}

LayerCompression PushImageDialog::compression() const
{
    return Compressions[qBound(0, m_compression->currentIndex(), int(std::size(Compressions)) - 1)];
}

// The chosen image's own tag, unless the user has typed one.
void PushImageDialog::imageChosen()
{
    if (!m_tag->isModified())
        m_tag->setText(suggestedTag(image()));
}

void PushImageDialog::validate()
{
    const bool valid = isValidTag(tag());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    m_tag->setToolTip(valid ? QString()
                            : tr("Up to 128 letters, digits, '_', '.' and '-', not starting "
                                 "with '.' or '-'"));
}

} // namespace Berth
