package io.assisthost.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic inputs for the trigger-matching benchmark: a contact-center vocabulary, assist actions
 * whose phrases are drawn from it, and transcript utterances. Fixed seeds make every run (and every
 * parameter) see the same vocabulary and the same first actions, so figures are comparable across
 * commits and the action count is the only thing that changes between parameters.
 *
 * <p>The vocabulary is about 150 real contact-center words plus generated product, plan and place names,
 * {@value #VOCABULARY} in all. Utterances are two thirds everyday words that no phrase uses ("I", "the",
 * "my") and one third vocabulary words, with capitals and punctuation; every other one also contains a
 * phrase of one action, so that even 100 actions see hits. With more actions more vocabulary words are
 * phrases, so the number of hits per utterance grows with the action count (about 1, 7 and 57 at 100,
 * 1,000 and 10,000 actions): that part of a match's cost is the size of its result.
 */
final class TriggerMatchData {

    static final int VOCABULARY = 3000;
    static final int PHRASES_PER_ACTION = 5;
    static final int UTTERANCE_WORDS = 30;

    private static final String[] DOMAIN = ("account agent address balance bill billing broadband cancel"
            + " cancellation card charge charged chat claim complaint confirm contract credit customer damaged"
            + " deadline debit delay delayed delivery deposit device discount dispute email error escalate exchange"
            + " expired fee fraud gift identity install installation insurance internet invoice late lost manager"
            + " mobile modem network number order outage overcharged package parcel password payment phone plan"
            + " policy premium price receipt refund register reimbursement renewal repair replacement reset return"
            + " roaming router shipment shipping signal sim speed statement subscription supervisor support"
            + " suspended switch tariff technician ticket tracking transfer unlock upgrade voucher warranty"
            + " wifi wrong broken slow missing urgent unhappy disappointed frustrated terminate close open"
            + " activate deactivate verify update change move upgrade downgrade pause resume appointment visit"
            + " engineer callback hold queue branch loan mortgage savings overdraft pin statement transfer"
            + " withdrawal abroad travel luggage flight booking seat baggage checkin voucher points loyalty"
            + " member membership coverage excess policyholder renewal quote premium claimant accident").split(" ");

    private static final String[] FILLER = ("i the my a to and is it for you can please on was that have with"
            + " this me of in but so just what do not be are we your an at would like there about if hi yes"
            + " okay um uh well really still already again since last week yesterday today now get got they"
            + " said told called calling call need want help know think because when how why been had has"
            + " one two three days time thing some any all very much no thanks thank hello sorry").split(" ");

    private static final String[] SYLLABLES = ("ka ro mi zen tal vo ri xa ne lo qua bri sta fel dor vin"
            + " pra tek sol mar cor lux neo tri gal ven").split(" ");

    private static final String[] SEPARATORS = {" ", " ", " ", " ", " ", ", ", ". "};

    private final List<String> vocabulary = vocabulary();

    /** @return the phrases of the first {@code count} actions, {@value #PHRASES_PER_ACTION} each, 1 to 3 words */
    List<List<String>> actions(int count) {
        SplittableRandom random = new SplittableRandom(0xAC7_1035L);
        List<List<String>> actions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<String> phrases = new ArrayList<>(PHRASES_PER_ACTION);
            for (int p = 0; p < PHRASES_PER_ACTION; p++) {
                int words = 1 + random.nextInt(3);
                StringBuilder phrase = new StringBuilder();
                for (int w = 0; w < words; w++) {
                    phrase.append(w == 0 ? "" : " ").append(vocabulary.get(random.nextInt(vocabulary.size())));
                }
                phrases.add(phrase.toString());
            }
            actions.add(phrases);
        }
        return actions;
    }

    /**
     * @return {@code count} utterances of {@value #UTTERANCE_WORDS} words: about two thirds everyday words,
     *         the rest vocabulary words; every other one contains a phrase of one of {@code actions}
     */
    List<String> utterances(List<List<String>> actions, int count) {
        SplittableRandom random = new SplittableRandom(0x077E_2A4CEL);
        List<String> utterances = new ArrayList<>(count);
        for (int u = 0; u < count; u++) {
            List<String> words = new ArrayList<>(UTTERANCE_WORDS);
            for (int w = 0; w < UTTERANCE_WORDS; w++) {
                words.add(random.nextInt(3) < 2 ? FILLER[random.nextInt(FILLER.length)]
                        : vocabulary.get(random.nextInt(vocabulary.size())));
            }
            if (u % 2 == 0) {
                List<String> phrases = actions.get(random.nextInt(actions.size()));
                String[] phrase = phrases.get(random.nextInt(phrases.size())).split(" ");
                int at = random.nextInt(UTTERANCE_WORDS - phrase.length + 1);
                for (int w = 0; w < phrase.length; w++) {
                    words.set(at + w, phrase[w]);
                }
            }
            utterances.add(spoken(words, random));
        }
        return utterances;
    }

    /** Capitals and punctuation as a transcript has them, which normalization must see through. */
    private static String spoken(List<String> words, SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            text.append(w == 0 || word.equals("i") ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            text.append(w == words.size() - 1 ? "." : SEPARATORS[random.nextInt(SEPARATORS.length)]);
        }
        return text.toString();
    }

    /** The domain words, then generated names of two or three syllables, up to {@value #VOCABULARY} words. */
    private static List<String> vocabulary() {
        SplittableRandom random = new SplittableRandom(0x70CAB);
        Set<String> words = new LinkedHashSet<>(List.of(DOMAIN));
        while (words.size() < VOCABULARY) {
            StringBuilder word = new StringBuilder();
            for (int s = 2 + random.nextInt(2); s > 0; s--) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words.add(word.toString());
        }
        return List.copyOf(words);
    }
}
