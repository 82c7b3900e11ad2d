<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CaptureDialog</name>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform>
            <numerusform>%n stars</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message numerus="yes">
        <source>%Ln item(s) saved to %1</source>
        <translation>
            <numerusform>%Ln item saved to %1</numerusform>
            <numerusform>%Ln items saved to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComplaintCounts</name>
    <message numerus="yes">
        <source>%1 day(s)</source>
        <translation>
            <numerusform>%1 day</numerusform>
            <numerusform>%1 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 hour(s)</source>
        <translation>
            <numerusform>%1 hour</numerusform>
            <numerusform>%1 hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 minute(s)</source>
        <translation>
            <numerusform>%1 minute</numerusform>
            <numerusform>%1 minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 day(s) late</source>
        <translation>
            <numerusform>%1 day late</numerusform>
            <numerusform>%1 days late</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 day(s) early</source>
        <translation>
            <numerusform>%1 day early</numerusform>
            <numerusform>%1 days early</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 day(s) overdue</source>
        <translation>
            <numerusform>%1 day overdue</numerusform>
            <numerusform>%1 days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 open complaint(s)</source>
        <translation>
            <numerusform>%1 open complaint</numerusform>
            <numerusform>%1 open complaints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 promise(s) due</source>
        <translation>
            <numerusform>%1 promise due</numerusform>
            <numerusform>%1 promises due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CouncilCounts</name>
    <message numerus="yes">
        <source>%1 of %Ln seat(s) taken</source>
        <translation>
            <numerusform>%1 of %Ln seat taken</numerusform>
            <numerusform>%1 of %Ln seats taken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) more than the term has seats: ask someone to wait for the next term, or add seats.</source>
        <translation>
            <numerusform>%Ln member more than the term has seats: ask someone to wait for the next term, or add seats.</numerusform>
            <numerusform>%Ln members more than the term has seats: ask someone to wait for the next term, or add seats.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Missed the last %Ln meeting(s)</source>
        <translation>
            <numerusform>Missed the last %Ln meeting</numerusform>
            <numerusform>Missed the last %Ln meetings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln term(s)</source>
        <translation>
            <numerusform>%Ln term</numerusform>
            <numerusform>%Ln terms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln invitation letter(s) printed; recorded as invited.</source>
        <translation>
            <numerusform>%Ln invitation letter printed; recorded as invited.</numerusform>
            <numerusform>%Ln invitation letters printed; recorded as invited.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln letter(s) printed.</source>
        <translation>
            <numerusform>%Ln letter printed.</numerusform>
            <numerusform>%Ln letters printed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln letter(s) of notes printed; the notes are recorded as sent today.</source>
        <translation>
            <numerusform>%Ln letter of notes printed; the notes are recorded as sent today.</numerusform>
            <numerusform>%Ln letters of notes printed; the notes are recorded as sent today.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Candidates for the %Ln seat(s) left open</source>
        <translation>
            <numerusform>Candidates for the %Ln seat left open</numerusform>
            <numerusform>Candidates for the %Ln seats left open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln people</source>
        <translation>
            <numerusform>%Ln person</numerusform>
            <numerusform>%Ln people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out:</source>
        <translation>
            <numerusform>%Ln left out:</numerusform>
            <numerusform>%Ln left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open idea(s)</source>
        <translation>
            <numerusform>%Ln open idea</numerusform>
            <numerusform>%Ln open ideas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln place(s) taken</source>
        <translation>
            <numerusform>%1 of %Ln place taken</numerusform>
            <numerusform>%1 of %Ln places taken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln guest(s) coming</source>
        <translation>
            <numerusform>%Ln guest coming</numerusform>
            <numerusform>%Ln guests coming</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) added to the guest list.</source>
        <translation>
            <numerusform>%Ln customer added to the guest list.</numerusform>
            <numerusform>%Ln customers added to the guest list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message numerus="yes">
        <source>Moved %1 customer(s) to the trash. Ctrl+Z undoes.</source>
        <translation>
            <numerusform>Moved %1 customer to the trash. Ctrl+Z undoes.</numerusform>
            <numerusform>Moved %1 customers to the trash. Ctrl+Z undoes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %1 Customer(s) to Trash</source>
        <translation>
            <numerusform>Move %1 Customer to Trash</numerusform>
            <numerusform>Move %1 Customers to Trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %1 Customer(s)</source>
        <translation>
            <numerusform>Restore %1 Customer</numerusform>
            <numerusform>Restore %1 Customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 customer(s) in the trash</source>
        <translation>
            <numerusform>%1 customer in the trash</numerusform>
            <numerusform>%1 customers in the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 customer(s)</source>
        <translation>
            <numerusform>%1 customer</numerusform>
            <numerusform>%1 customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DueCardsCounts</name>
    <message numerus="yes">
        <source>%Ln card(s) will print, each with its own design.</source>
        <translation>
            <numerusform>%Ln card will print, each with its own design.</numerusform>
            <numerusform>%Ln cards will print, each with its own design.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln letter(s) will print, each with its own design.</source>
        <translation>
            <numerusform>%Ln letter will print, each with its own design.</numerusform>
            <numerusform>%Ln letters will print, each with its own design.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln card(s)</source>
        <translation>
            <numerusform>%Ln card</numerusform>
            <numerusform>%Ln cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln letter(s)</source>
        <translation>
            <numerusform>%Ln letter</numerusform>
            <numerusform>%Ln letters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out:</source>
        <translation>
            <numerusform>%Ln left out:</numerusform>
            <numerusform>%Ln left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln gesture(s) marked done. Ctrl+Z undoes.</source>
        <translation>
            <numerusform>%Ln gesture marked done. Ctrl+Z undoes.</numerusform>
            <numerusform>%Ln gestures marked done. Ctrl+Z undoes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Once they are in the post, press Mark Sent: that marks these %Ln gesture(s) done on Today.</source>
        <translation>
            <numerusform>Once they are in the post, press Mark Sent: that marks this %Ln gesture done on Today.</numerusform>
            <numerusform>Once they are in the post, press Mark Sent: that marks these %Ln gestures done on Today.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportCounts</name>
    <message numerus="yes">
        <source>Exported %Ln customer(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln customer to %1</numerusform>
            <numerusform>Exported %Ln customers to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln birthday(s) and moment(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln birthday or moment to %1</numerusform>
            <numerusform>Exported %Ln birthdays and moments to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FiguresSection</name>
    <message numerus="yes">
        <source>Out of %1 answer(s)</source>
        <translation>
            <numerusform>Out of %1 answer</numerusform>
            <numerusform>Out of %1 answers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message numerus="yes">
        <source>The %Ln customer(s) it created will move to the trash.</source>
        <translation>
            <numerusform>The customer it created will move to the trash.</numerusform>
            <numerusform>The %Ln customers it created will move to the trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The fields it changed on %Ln customer(s) are put back, unless someone has edited them since.</source>
        <translation>
            <numerusform>The fields it changed on %Ln customer are put back, unless someone has edited them since.</numerusform>
            <numerusform>The fields it changed on %Ln customers are put back, unless someone has edited them since.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) moved to the trash.</source>
        <translation>
            <numerusform>%Ln customer moved to the trash.</numerusform>
            <numerusform>%Ln customers moved to the trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) put back as they were.</source>
        <translation>
            <numerusform>%Ln customer put back as it was.</numerusform>
            <numerusform>%Ln customers put back as they were.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintingCounts</name>
    <message numerus="yes">
        <source>Printing %Ln item(s)…</source>
        <translation>
            <numerusform>Printing %Ln item…</numerusform>
            <numerusform>Printing %Ln items…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This sheet has %Ln label(s); start at one of them.</source>
        <translation>
            <numerusform>This sheet has %Ln label; start at one of them.</numerusform>
            <numerusform>This sheet has %Ln labels; start at one of them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgramSettingsDialog</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StageRules</name>
    <message numerus="yes">
        <source>At least %1 visit(s)</source>
        <translation>
            <numerusform>At least %1 visit</numerusform>
            <numerusform>At least %1 visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fewer than %1 visit(s) so far</source>
        <translation>
            <numerusform>Fewer than %1 visit so far</numerusform>
            <numerusform>Fewer than %1 visits so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing heard for more than %1 day(s)</source>
        <translation>
            <numerusform>Nothing heard for more than %1 day</numerusform>
            <numerusform>Nothing heard for more than %1 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing heard for more than %1 month(s)</source>
        <translation>
            <numerusform>Nothing heard for more than %1 month</numerusform>
            <numerusform>Nothing heard for more than %1 months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing heard for more than %1 week(s)</source>
        <translation>
            <numerusform>Nothing heard for more than %1 week</numerusform>
            <numerusform>Nothing heard for more than %1 weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing heard for more than %1 year(s)</source>
        <translation>
            <numerusform>Nothing heard for more than %1 year</numerusform>
            <numerusform>Nothing heard for more than %1 years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Referred at least %1 customer(s)</source>
        <translation>
            <numerusform>Referred at least %1 customer</numerusform>
            <numerusform>Referred at least %1 customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message numerus="yes">
        <source>… and %Ln more problem(s)</source>
        <translation>
            <numerusform>… and %Ln more problem</numerusform>
            <numerusform>… and %Ln more problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SurveyEntryDialog</name>
    <message numerus="yes">
        <source>%1 answer(s) typed in so far</source>
        <translation>
            <numerusform>%1 answer typed in so far</numerusform>
            <numerusform>%1 answers typed in so far</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SurveyPrintDialog</name>
    <message numerus="yes">
        <source>Printing %1 survey card(s)…</source>
        <translation>
            <numerusform>Printing %1 survey card…</numerusform>
            <numerusform>Printing %1 survey cards…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 survey card(s) saved to </source>
        <translation>
            <numerusform>%1 survey card saved to </numerusform>
            <numerusform>%1 survey cards saved to </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TestimonialCounts</name>
    <message numerus="yes">
        <source>%Ln testimonial(s)</source>
        <translation>
            <numerusform>%Ln testimonial</numerusform>
            <numerusform>%Ln testimonials</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln place(s) still show a testimonial whose release has ended: take them down and tick them off.</source>
        <translation>
            <numerusform>%Ln place still shows a testimonial whose release has ended: take it down and tick it off.</numerusform>
            <numerusform>%Ln places still show a testimonial whose release has ended: take them down and tick them off.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln testimonial(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln testimonial exported to %1.</numerusform>
            <numerusform>%Ln testimonials exported to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln testimonial(s) may be used there.</source>
        <translation>
            <numerusform>%Ln testimonial may be used there.</numerusform>
            <numerusform>%Ln testimonials may be used there.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out:</source>
        <translation>
            <numerusform>%Ln left out:</numerusform>
            <numerusform>%Ln left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln release form(s) printed.</source>
        <translation>
            <numerusform>%Ln release form printed.</numerusform>
            <numerusform>%Ln release forms printed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Print release forms for %Ln testimonial(s)</source>
        <translation>
            <numerusform>Print release forms for %Ln testimonial</numerusform>
            <numerusform>Print release forms for %Ln testimonials</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln place(s)</source>
        <translation>
            <numerusform>%Ln place</numerusform>
            <numerusform>%Ln places</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln testimonial(s) changed at another desk while printing: their form may show old words, so they are not marked as waiting for a signature. Print them again.</source>
        <translation>
            <numerusform>%Ln testimonial changed at another desk while printing: its form may show old words, so it is not marked as waiting for a signature. Print it again.</numerusform>
            <numerusform>%Ln testimonials changed at another desk while printing: their forms may show old words, so they are not marked as waiting for a signature. Print them again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TestimonialsPage</name>
    <message numerus="yes">
        <source>%n testimonial(s) chosen: Print Release Forms… prints a page for each.</source>
        <translation>
            <numerusform>%n testimonial chosen: Print Release Forms… prints a page for each.</numerusform>
            <numerusform>%n testimonials chosen: Print Release Forms… prints a page for each.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayCounts</name>
    <message numerus="yes">
        <source>%1 day(s) late</source>
        <translation>
            <numerusform>%1 day late</numerusform>
            <numerusform>%1 days late</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing is due today. %1 gesture(s) coming up this week, listed below.</source>
        <translation>
            <numerusform>Nothing is due today. %1 gesture coming up this week, listed below.</numerusform>
            <numerusform>Nothing is due today. %1 gestures coming up this week, listed below.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashEmptier</name>
    <message numerus="yes">
        <source>Delete %1 customer(s) for good?</source>
        <translation>
            <numerusform>Delete %1 customer for good?</numerusform>
            <numerusform>Delete %1 customers for good?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 place(s) still show their words: take them down by hand (see Show Details).</source>
        <translation>
            <numerusform>%1 place still shows their words: take it down by hand (see Show Details).</numerusform>
            <numerusform>%1 places still show their words: take them down by hand (see Show Details).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %1 customer(s) for good.</source>
        <translation>
            <numerusform>Deleted %1 customer for good.</numerusform>
            <numerusform>Deleted %1 customers for good.</numerusform>
        </translation>
    </message>
</context>
</TS>
