/** The renderer's one door to dates and times a person sees (Hong Kong time, the chosen language). */
export {
  formatDate,
  formatDateTime,
  formatMoment,
  fromHktInput,
  toHktInput,
} from "../../shared/hong-kong-time.js";
