<#ftl output_format="plainText">
<#assign expiry><#if linkExpiration % 60 == 0><#if linkExpiration == 60>${msg("backofficeLinkOneHour")}<#else>${msg("backofficeLinkHours", (linkExpiration / 60)?c)}</#if><#elseif linkExpiration == 1>${msg("backofficeLinkOneMinute")}<#else>${msg("backofficeLinkMinutes", linkExpiration?c)}</#if></#assign>
${msg("backofficeOnboardingBody", organizationName, link, expiry)}
