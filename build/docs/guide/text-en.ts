import type { GuideText } from "./content.js";

/** The user guide in English. */
export const guideEn: GuideText = {
  language: "en",
  title: "CCMS Terminal User Guide",
  subtitle: "Signing in with two-factor authentication (2FA)",
  edition: ({ version, date }) => `CCMS Terminal emulator ${version} · printed ${date}`,
  contentsTitle: "Contents",
  cover: [
    "HKEX's clearing houses (HKSCC, HKCC and SEOCH) are moving sign-in to the CCMS Terminal from the smartcard to two-factor authentication (2FA): your regular password plus a one-time password (OTP) sent to your registered email address.",
    "This guide is for CCMS users and Delegated Administrators (DAs) of Clearing Participants, and for the IT staff who look after their terminal PCs. It shows each step with the screens of the CCMS Terminal emulator, where you can rehearse the new sign-in at every stage of the migration before you meet it for real.",
  ],
  pageOf: { before: "Page ", between: " of ", after: "" },
  sections: [
    {
      id: "dates",
      title: "Key dates",
      blocks: [
        { p: "The HKCC circular sets out this tentative schedule (SEOCH's has the same shape):" },
        {
          table: {
            head: ["When", "What happens"],
            rows: [
              ["19 Dec 2022 onwards", "Your DA can register users' email addresses for 2FA."],
              ["20 Mar 2023 onwards", "DAs' own email addresses can be registered."],
              ["24, 25 and 26 Apr 2023", "Briefings on the 2FA preparation."],
              [
                "28 Apr 2023",
                "Deadline for registering the email addresses of users and DAs, and for verifying each terminal PC's connection to the 2FA server.",
              ],
              [
                "Late Apr – May 2023",
                "HKEX processes the DAs' email addresses submitted before 28 Apr 2023.",
              ],
              [
                "Early May 2023",
                "Distribution of the information package and the CCMS Terminal user guides.",
              ],
              [
                "Late May 2023",
                "Launch of 2FA and the connectivity test. The parallel run begins: if 2FA gives trouble you can fall back to your smartcard. Users and DAs created from now on can use 2FA only.",
              ],
              [
                "Late Jul 2023",
                "2FA becomes the only way to sign in; smartcard authentication is decommissioned.",
              ],
            ],
          },
        },
        {
          note: "A user with no registered email address at the launch of 2FA will be unable to access CCMS. In the emulator the launch falls on 29 May 2023 and decommissioning on 31 Jul 2023 (the last Mondays of those months); the banner at the top of every screen shows the simulated date and stage.",
        },
      ],
    },
    {
      id: "sign-in",
      title: "Signing in with the emailed one-time password",
      blocks: [
        {
          steps: [
            "Enter your **[[login.userId]]** and **[[login.password]]**, then select **[[login.submit]]**.",
            "During the parallel run, if you hold a smartcard, the terminal asks how you want to sign in. Choose **[[smartcard.choiceOtp]]**.",
            "A 6-digit one-time password is sent to your registered email address; the screen shows where it went, partly hidden. Type or paste the code into **[[otp.code]]** and select **[[otp.submit]]**.",
            "The CCMS desktop opens. It shows who is signed in, when the session ends, and your recent sign-ins: if you see a failed attempt that was not yours, tell your DA.",
          ],
        },
        { figure: "sign-in", caption: "Your user ID and password." },
        { figure: "method-choice", caption: "During the parallel run: choose two-factor authentication." },
        { figure: "otp", caption: "The code was sent to your registered email address." },
        { figure: "desktop", caption: "Signed in: the CCMS desktop." },
        {
          p: "Each code is valid for 5 minutes and works once. Your session ends after 15 minutes without activity and after 8 hours in any case; **[[desktop.signOut]]** ends it at once, and **[[desktop.lock]]** locks the terminal until you enter your password again.",
        },
      ],
    },
    {
      id: "mailbox",
      title: "The simulated mailbox",
      blocks: [
        {
          p: "In the emulator no email leaves the computer. Select **[[otp.mailbox]]** on the code screen to read the email as it would arrive in your inbox, then **[[mailbox.back]]** to type the code. The newest email is at the top.",
        },
        { figure: "mailbox", caption: "The simulated mailbox, newest email first." },
      ],
    },
    {
      id: "new-code",
      title: "Asking for a new code",
      blocks: [
        {
          p: "If the email is late or lost, select **[[otp.resend]]**. The button counts down for 30 seconds after each code, and you can ask for up to 5 new codes in one sign-in. A new code replaces the old one: use the code in the newest email only.",
        },
        { figure: "otp-new-code", caption: "A new code was sent; earlier codes no longer work." },
      ],
    },
    {
      id: "wrong-code",
      title: "A wrong or expired code",
      blocks: [
        {
          p: "A wrong code is refused and the screen says how many tries are left. After 5 wrong tries the code stops working: ask for a new one with **[[otp.resend]]**, or select **[[otp.back]]** and start again.",
        },
        { figure: "otp-wrong-code", caption: "A wrong code, with the tries left." },
        {
          p: "A code expires 5 minutes after it was sent; the screen counts the time down and then says that the code has expired. Ask for a new code. If the whole sign-in took too long, the terminal asks you to start again from your user ID and password.",
        },
      ],
    },
    {
      id: "smartcard",
      title: "The smartcard fallback during the parallel run",
      blocks: [
        {
          p: "From the launch of 2FA in late May 2023 until late July 2023 you may still sign in with your smartcard if 2FA gives trouble, provided your user ID was created before the launch and holds a smartcard. Users and DAs created on or after the launch can use 2FA only.",
        },
        {
          steps: [
            "After your password, choose **[[smartcard.choiceCard]]**; or, from the code screen, select **[[smartcard.fallbackLink]]**.",
            "Put your card in the reader and choose the reader. In the emulator, **[[smartcard.practiceTitle]]** issues a card for you and puts it in the simulated reader.",
            "Enter your **[[smartcard.pin]]** and select **[[smartcard.signIn]]**. After 3 wrong PINs the card is blocked.",
          ],
        },
        { figure: "smartcard", caption: "Signing in with the smartcard during the parallel run." },
      ],
    },
    {
      id: "after-decommissioning",
      title: "After smartcard decommissioning",
      blocks: [
        {
          p: "From late July 2023 two-factor authentication is the only way to sign in. There is no choice of method any more, and no smartcard on the code screen: after your password you go straight to the one-time password.",
        },
        { figure: "otp-after-decommissioning", caption: "After decommissioning: password and code only." },
        {
          p: "A user without a registered email address can no longer sign in at all. The terminal says so: ask your DA to register your address, then sign in again.",
        },
        { figure: "no-email", caption: "No email address registered: ask your DA." },
      ],
    },
    {
      id: "locked",
      title: "A locked account",
      blocks: [
        {
          p: "Five wrong passwords within 15 minutes lock your user ID for 15 minutes. Wait and try again, or ask your DA to unlock it. The terminal never says whether a user ID exists, so a mistyped user ID looks like a wrong password.",
        },
        { figure: "account-locked", caption: "Too many wrong passwords: the account is locked for a while." },
      ],
    },
    {
      id: "delegated-administrators",
      title: "For Delegated Administrators: registering your users' email addresses",
      blocks: [
        {
          p: "Register the address at which each of your users receives one-time passwords before 28 Apr 2023. Users' addresses can be registered from 19 Dec 2022; DAs' own addresses from 20 Mar 2023, and HKEX processes those submitted before 28 Apr 2023 in late April and May.",
        },
        {
          steps: [
            "Sign in and select **[[admin.tile]]** on the desktop.",
            "The list shows your participant's users, whether each has an email address registered (partly hidden) and whether the account is locked.",
            "Select **[[admin.register]]** (or **[[admin.change]]**) beside a user, enter the **[[admin.form.email]]** and select **[[admin.form.save]]**. The user is told by email at the new address, and at the old one if there was one.",
            "A locked user can sign in again once you select **[[admin.unlock]]**.",
          ],
        },
        { figure: "email-registration", caption: "Your participant's users and their 2FA email addresses." },
        { figure: "email-registration-form", caption: "Registering a user's email address." },
        {
          p: "**[[readiness.tile]]** on the desktop shows, against the deadlines, which users still need an email address or a first 2FA sign-in, and which terminal PCs have passed the connectivity check.",
        },
      ],
    },
    {
      id: "connectivity",
      title: "For IT staff: the connectivity check and its report",
      blocks: [
        {
          p: "A participant that does not use HKEX's DNS service, or has a firewall or other access control between the PC and CCMS, should have its IT staff test each terminal PC's connection to the new 2FA server before the launch of 2FA, and by 28 Apr 2023. The network set-up is in sections 4.7 to 4.9 of the CCASS (CCMS) Terminal Installation Procedures.",
        },
        {
          p: "The circular's manual test: on the terminal PC, open Microsoft Edge at https://sso.hkexposttrade.com.hk/sso, check that the sign-in screen appears, and close the window without signing in. The terminal's own check does the same and tells you what stands in the way:",
        },
        {
          steps: [
            "On the sign-in screen select **[[login.checkConnectivity]]**, choose what to check and select **[[connectivity.run]]**.",
            "Each step (**[[connectivity.step.proxy]]**, **[[connectivity.step.dns]]**, **[[connectivity.step.tcp]]**, **[[connectivity.step.tls]]**, **[[connectivity.step.http]]** and **[[connectivity.step.page]]**) passes, warns or fails, with what was seen and a hint naming the section of the Installation Procedures to look at.",
            "Keep the result for your participant's records with **[[connectivity.saveHtml]]** or **[[connectivity.saveJson]]**. A user of the participant who is signed in can also send it to the DA's readiness board.",
          ],
        },
        { figure: "connectivity", caption: "The check passed: this PC reaches the 2FA sign-in page." },
        { figure: "connectivity-report", caption: "The saved report, for the participant's records." },
        {
          p: "On many PCs, the same check runs from the command line: `ccms-check --json` prints the report as JSON and `ccms-check --html <file>` saves it.",
        },
      ],
    },
  ],
};
