#pragma once
// Non-modal notifications stacked in the window's bottom-right corner; each fades after a few seconds. The same
// text is not shown twice while it is still on screen (dedupe by key).

#include <QWidget>

class QVBoxLayout;

namespace payops {

class ToastOverlay : public QWidget {
    Q_OBJECT
public:
    explicit ToastOverlay(QWidget* parent);
    // key dedupes: a toast with a key already on screen is not repeated.
    void show(const QString& text, const QString& key = {}, bool critical = false, int ms = 6000);
    QStringList visibleTexts() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void reposition();
    QVBoxLayout* m_layout = nullptr;
};

} // namespace payops
