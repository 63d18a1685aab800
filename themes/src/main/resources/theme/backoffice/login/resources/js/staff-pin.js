// Keypad for the Staff PIN page: touch or click the keys, or type on a keyboard into the field.
(function () {
    var input = document.getElementById("pin");
    if (!input) {
        return;
    }
    var max = parseInt(input.getAttribute("maxlength"), 10) || 12;
    var lastPointer = null;
    document.querySelectorAll(".bo-pin-key").forEach(function (key) {
        key.addEventListener("pointerdown", function (event) {
            lastPointer = event.pointerType;
        });
        key.addEventListener("click", function (event) {
            var value = key.getAttribute("data-key");
            if (value === "clear") {
                input.value = "";
            } else if (value === "back") {
                input.value = input.value.slice(0, -1);
            } else if (input.value.length < max) {
                input.value += value;
            }
            // A mouse click hands the focus back to the field, so Enter submits. A key pressed with the keyboard
            // (Enter or Space: no pointer, event.detail 0) keeps its focus, so Tab and Enter can walk the keypad;
            // a touch keeps it too, so the phone's own keyboard does not pop up over the keypad.
            if (event.detail > 0 && lastPointer === "mouse") {
                input.focus();
            }
            lastPointer = null;
        });
    });
    // Digits only, whatever the keyboard sends.
    input.addEventListener("input", function () {
        var digits = input.value.replace(/\D/g, "");
        if (digits !== input.value) {
            input.value = digits;
        }
    });
})();
