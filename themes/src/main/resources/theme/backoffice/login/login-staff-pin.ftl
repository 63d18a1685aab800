<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: login-staff-pin.ftl -->
    <#if section="header">
        ${msg("staffPinTitle")}
    <#elseif section="form">
        <form id="kc-staff-pin-form" class="${properties.kcFormClass!} bo-pin" action="${url.loginAction}" method="post" autocomplete="off">
            <div class="${properties.kcFormGroupClass!}">
                <label for="pin" class="${properties.kcLabelClass!}">
                    <span class="${properties.kcFormLabelTextClass!}">${msg("staffPinLabel")}</span>
                </label>
                <#-- Masked, digits only, never remembered by the browser (R-STEP-5). -->
                <input id="pin" name="pin" type="password" inputmode="numeric" pattern="[0-9]*"
                       autocomplete="off" autocorrect="off" autocapitalize="off" spellcheck="false"
                       maxlength="12" required autofocus
                       class="bo-pin-input" aria-describedby="bo-pin-help"
                       data-lpignore="true" data-1p-ignore="true" data-form-type="other" />
                <p id="bo-pin-help" class="bo-pin-help">${msg("staffPinHelp", staffPinLength?c)}</p>
            </div>
            <div class="bo-pin-keypad" role="group" aria-label="${msg("staffPinKeypad")}">
                <#list ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as digit>
                    <button type="button" class="bo-pin-key" data-key="${digit}">${digit}</button>
                </#list>
                <button type="button" class="bo-pin-key bo-pin-key-action" data-key="clear" aria-label="${msg("staffPinClear")}">${msg("staffPinClear")}</button>
                <button type="button" class="bo-pin-key" data-key="0">0</button>
                <button type="button" class="bo-pin-key bo-pin-key-action" data-key="back" aria-label="${msg("staffPinBackspace")}">&#9003;</button>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="kc-login" name="login" type="submit"
                        class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} bo-pin-submit">${msg("staffPinSubmit")}</button>
            </div>
        </form>
        <script src="${url.resourcesPath}/js/staff-pin.js"></script>
    </#if>
</@layout.registrationLayout>
