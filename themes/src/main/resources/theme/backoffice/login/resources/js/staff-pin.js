// Keypad for the Staff PIN page: touch or click the keys, or type on a keyboard into the field.
(function () {
    var input = document.getElementById("pin");
    if (!input) {
        return;
    }
    var max = parseInt(input.getAttribute("maxlength"), 10) || 12;
    document.querySelectorAll(".bo-pin-key").forEach(function (key) {
        key.addEventListener("click", function () {
            var value = key.getAttribute("data-key");
            if (value === "clear") {
                input.value = "";
            } else if (value === "back") {
                input.value = input.value.slice(0, -1);
            } else if (input.value.length < max) {
                input.value += value;
            }
            input.focus();
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
